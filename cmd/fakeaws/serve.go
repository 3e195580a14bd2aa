package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/expect"
	"github.com/fakeaws/fakeaws/emulator/lazydeadline"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// settings are the serve command's flags after the environment is applied.
type settings struct {
	addr           string
	data           string
	ephemeral      bool
	config         string
	strictAccounts bool
	iam            string
	logLevel       string
	adminAnywhere  bool
	adminHosts     adminHosts
	legacyBuckets  bool
	// bodyReadTimeout and idleTimeout tune how long a stalled request
	// body and an idle keep-alive connection may hold the server.
	bodyReadTimeout time.Duration
	idleTimeout     time.Duration
}

// parseSettings reads flags over FAKEAWS_* variables.
func parseSettings(args, env []string, stderr io.Writer) (settings, error) {
	var s settings
	fs, err := serveFlagSet(env, &s, stderr)
	if err != nil {
		return s, err
	}
	if err := fs.Parse(args); err != nil {
		return s, err
	}
	if fs.NArg() > 0 {
		return s, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if s.bodyReadTimeout <= 0 || s.idleTimeout <= 0 {
		return s, errors.New("--body-read-timeout and --idle-timeout must be positive durations (e.g. 1m, 30s)")
	}
	return s, nil
}

// serveFlagSet defines the serve flags into s, with defaults from the
// FAKEAWS_* variables in env.
func serveFlagSet(env []string, s *settings, out io.Writer) (*flag.FlagSet, error) {
	envs := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "FAKEAWS_") {
			envs[k] = v
		}
	}
	str := func(name, def string) string {
		if v, ok := envs[name]; ok {
			return v
		}
		return def
	}
	boolean := func(name string) (bool, error) {
		v, ok := envs[name]
		if !ok || v == "" {
			return false, nil
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			return false, fmt.Errorf("%s=%q: want true or false", name, v)
		}
		return b, nil
	}
	fs := flag.NewFlagSet("fakeaws", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() { usage(fs.Output()) }
	fs.StringVar(&s.addr, "addr", str("FAKEAWS_ADDR", "127.0.0.1:4566"), "listen address (HOST:PORT; port 0 picks a free port)")
	fs.StringVar(&s.data, "data", str("FAKEAWS_DATA", ".fakeaws"), "state directory (bbolt metadata and object bodies)")
	fs.StringVar(&s.config, "config", str("FAKEAWS_CONFIG", ""), "JSON file declaring accounts, keys and resources to create at start (and again at POST /_fakeaws/reset)")
	fs.StringVar(&s.iam, "iam", str("FAKEAWS_IAM", "enforce"), "authorization: enforce, soft (log, allow anyway) or off")
	fs.StringVar(&s.logLevel, "log-level", str("FAKEAWS_LOG_LEVEL", "info"), "log level: debug, info, warn, error")
	ephemeral, err := boolean("FAKEAWS_EPHEMERAL")
	if err != nil {
		return fs, err
	}
	strict, err := boolean("FAKEAWS_STRICT_ACCOUNTS")
	if err != nil {
		return fs, err
	}
	anywhere, err := boolean("FAKEAWS_ADMIN_ANYWHERE")
	if err != nil {
		return fs, err
	}
	fs.BoolVar(&s.ephemeral, "ephemeral", ephemeral, "keep state in a temporary directory removed on exit")
	fs.BoolVar(&s.strictAccounts, "strict-accounts", strict, "only keys from --config work (no auto-created accounts)")
	fs.BoolVar(&s.adminAnywhere, "admin-anywhere", anywhere,
		"serve /_fakeaws/* to non-loopback clients too, under any Host name unless --admin-host is given")
	if v := envs["FAKEAWS_ADMIN_HOST"]; v != "" {
		if err := s.adminHosts.Set(v); err != nil {
			return fs, fmt.Errorf("FAKEAWS_ADMIN_HOST: %w", err)
		}
	}
	fs.Var(&s.adminHosts, "admin-host",
		"serve /_fakeaws/* under this Host name too, besides loopback names (comma-separated or repeated); with --admin-anywhere, the only other names served")
	legacy, err := boolean("FAKEAWS_LEGACY_BUCKET_DEFAULTS")
	if err != nil {
		return fs, err
	}
	fs.BoolVar(&s.legacyBuckets, "legacy-bucket-defaults", legacy,
		"new buckets get S3's older defaults (ObjectWriter ownership and no Block Public Access, as before April 2023; SSE-C allowed, as before April 2026); not what AWS does today")
	return fs, timeoutFlags(fs, envs, s)
}

// timeoutFlags defines the connection timeout flags into s, with defaults
// from FAKEAWS_BODY_READ_TIMEOUT and FAKEAWS_IDLE_TIMEOUT.
func timeoutFlags(fs *flag.FlagSet, envs map[string]string, s *settings) error {
	duration := func(name string, def time.Duration) (time.Duration, error) {
		v, ok := envs[name]
		if !ok || v == "" {
			return def, nil
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			return 0, fmt.Errorf("%s=%q: want a duration such as 1m or 30s", name, v)
		}
		return d, nil
	}
	body, err := duration("FAKEAWS_BODY_READ_TIMEOUT", emulator.DefaultBodyReadTimeout)
	if err != nil {
		return err
	}
	idle, err := duration("FAKEAWS_IDLE_TIMEOUT", defaultTimeouts.idle)
	if err != nil {
		return err
	}
	fs.DurationVar(&s.bodyReadTimeout, "body-read-timeout", body,
		"a request body that stalls this long, or arrives slower than 1 KiB/s on average, is cut (RequestTimeout)")
	fs.DurationVar(&s.idleTimeout, "idle-timeout", idle, "a keep-alive connection idle this long is closed")
	return nil
}

func serve(ctx context.Context, args, env []string, stdout, stderr io.Writer) error {
	s, err := parseSettings(args, env, stderr)
	if err != nil {
		return err
	}
	mode, err := authz.ParseMode(s.iam)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(s.logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	var world *config.Config
	if s.config != "" {
		if world, err = loadConfig(s.config); err != nil {
			return err
		}
	}
	dir := s.data
	if s.ephemeral {
		if dir, err = os.MkdirTemp("", "fakeaws-*"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	srv, err := newEmulator(ctx, s, mode, db, logger, world)
	if err != nil {
		return err
	}
	ln, err := listen(s.addr)
	if err != nil {
		return err
	}
	// One write, so a reader of the first line (the contract) gets the
	// console's URL in the same read.
	fmt.Fprintf(stdout, "fakeaws listening on http://%s\nconsole: http://%s/_fakeaws/ui (what if?, decisions, trust chain, lesson mode)\n",
		ln.Addr(), ln.Addr())
	timeouts := defaultTimeouts
	timeouts.idle = s.idleTimeout
	return serveUntilDone(ctx, srv, newHTTPServer(srv, timeouts), ln, logger)
}

// newEmulator builds the server over db as s says, with world (if any)
// applied; POST /_fakeaws/reset comes back to that world.
func newEmulator(ctx context.Context, s settings, mode authz.Mode, db *store.DB, logger *slog.Logger, world *config.Config) (*emulator.Server, error) {
	opts := emulator.Options{
		IAM: mode, StrictAccounts: s.strictAccounts, Logger: logger, AdminFromAnywhere: s.adminAnywhere,
		AdminHosts:           s.adminHosts,
		BodyReadTimeout:      s.bodyReadTimeout,
		LegacyBucketDefaults: s.legacyBuckets || (world != nil && world.LegacyBucketDefaults),
	}
	if world != nil {
		opts.StartingWorld = func(ctx context.Context, srv *emulator.Server) error {
			return applyConfig(ctx, srv, opts, s.config, world)
		}
	}
	srv, err := emulator.New(db, opts)
	if err != nil {
		return nil, err
	}
	if world != nil {
		if err := applyConfig(ctx, srv, opts, s.config, world); err != nil {
			return nil, err
		}
		// The decision log starts with the class's first request, not
		// with the set-up.
		srv.Authorizer().Log().Reset()
	}
	return srv, nil
}

// listen listens on addr. net/http answers an Expect other than
// 100-continue with 417 before any handler; fakeaws serves such a request
// as if it had none. net/http and the server move each connection's
// deadlines several times per request; only the moves that change when
// they fire (by more than a second) reach the socket. It wraps the socket
// itself, so a read retried past a stale deadline is invisible to expect.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return expect.Listener(lazydeadline.Listener(ln)), nil
}

// serveUntilDone serves ln until ctx is done, then lets the requests in
// flight finish (up to 30 seconds) and writes what srv holds in memory.
func serveUntilDone(ctx context.Context, srv *emulator.Server, httpSrv *http.Server, ln net.Listener, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// Requests are done: write what the server coalesced in memory, then
	// (the caller's defer) close the store cleanly.
	return srv.Close(shutdownCtx)
}
