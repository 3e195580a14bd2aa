package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/config"
)

// profileCommand writes AWS CLI/SDK profiles for a config's accounts, keys
// and roles, so `--profile NAME` works as in the seeds:
//
//	fakeaws profile --config world.json --aws-config ~/.aws/config --aws-credentials ~/.aws/credentials
//
// Credentials go to the credentials file; region, endpoint_url and the
// role_arn/source_profile pairs to the config file. Sections the command
// writes replace sections of the same name; everything else in the files is
// kept. A profile that exists with other settings is never replaced
// silently: the command refuses unless --force is given, and then keeps a
// copy of each changed file next to it (FILE.bak-TIMESTAMP).
func profileCommand(_ context.Context, args, env []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeaws profile", flag.ContinueOnError)
	fs.SetOutput(stdout)
	cfgPath := fs.String("config", "", "fakeaws config file (required)")
	awsConfig := fs.String("aws-config", "", "AWS config file to write (required; e.g. ~/.aws/config)")
	awsCreds := fs.String("aws-credentials", "", "AWS credentials file to write (required; e.g. ~/.aws/credentials)")
	endpoint := fs.String("endpoint", defaultEndpoint(env), "fakeaws URL, written as endpoint_url (empty: none; the server FAKEAWS_ADDR names, when set)")
	region := fs.String("region", "us-east-1", "region written in every profile")
	force := fs.Bool("force", false, "replace existing profiles of the same names (a backup FILE.bak-TIMESTAMP of each changed file is kept)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("profile: unexpected arguments: %v", fs.Args())
	}
	if *cfgPath == "" || *awsConfig == "" || *awsCreds == "" {
		return errors.New("profile: --config, --aws-config and --aws-credentials are required")
	}
	c, err := config.Load(*cfgPath)
	if err != nil {
		return fmt.Errorf("profile: %s: %w", *cfgPath, err)
	}
	confSections, credSections := profileSections(config.Profiles(c), *endpoint, *region)
	files := []struct {
		path     string
		sections []iniSection
		perm     os.FileMode
	}{{*awsCreds, credSections, 0o600}, {*awsConfig, confSections, 0o644}}
	var clash []string
	for _, f := range files {
		names, err := replacedSections(f.path, f.sections)
		if err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		for _, n := range names {
			clash = append(clash, "["+n+"] in "+f.path)
		}
	}
	if len(clash) > 0 && !*force {
		return fmt.Errorf("profile: these profiles exist with other settings and would be replaced: %s; rerun with --force to replace them (a backup of each file is kept)",
			strings.Join(clash, ", "))
	}
	stamp := time.Now().UTC().Format("20060102T150405")
	for _, f := range files {
		if len(clash) > 0 {
			backup, err := backupFile(f.path, stamp)
			if err != nil {
				return fmt.Errorf("profile: %w", err)
			}
			if backup != "" {
				fmt.Fprintf(stdout, "backup %s\n", backup)
			}
		}
		if err := mergeINIFile(f.path, f.sections, f.perm); err != nil {
			return fmt.Errorf("profile: %w", err)
		}
	}
	for _, p := range config.Profiles(c) {
		what := "root of " + p.Account
		switch {
		case p.RoleARN != "":
			what = p.RoleARN
			if p.SourceProfile != "" {
				what += " via " + p.SourceProfile
			}
		case p.User != "":
			what = "user " + p.User + " of " + p.Account
		}
		fmt.Fprintf(stdout, "profile %-24s %s\n", p.Name, what)
	}
	return nil
}

// replacedSections names the sections of the INI file at path that
// sections would replace with different settings (a missing file has none).
func replacedSections(path string, sections []iniSection) ([]string, error) {
	old, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	existing := map[string][]string{}
	current := ""
	inSection := false
	for _, line := range strings.Split(string(old), "\n") {
		if h, ok := parseHeader(line); ok {
			current, inSection = normalizeHeader(h), true
			existing[current] = existing[current][:0:0]
			continue
		}
		if t := strings.TrimSpace(line); inSection && t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, ";") {
			existing[current] = append(existing[current], normalizeHeader(t))
		}
	}
	var out []string
	for _, s := range sections {
		have, ok := existing[normalizeHeader(s.header)]
		if !ok {
			continue
		}
		var want []string
		for _, l := range s.lines {
			if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
				want = append(want, normalizeHeader(t))
			}
		}
		if strings.Join(have, "\n") != strings.Join(want, "\n") {
			out = append(out, s.header)
		}
	}
	return out, nil
}

// backupFile copies path to path.bak-STAMP and returns the copy's name
// ("" when there is no file).
func backupFile(path, stamp string) (string, error) {
	old, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	backup := path + ".bak-" + stamp
	return backup, os.WriteFile(backup, old, st.Mode().Perm())
}

// iniSection is one [header] and its lines.
type iniSection struct {
	header string
	lines  []string
}

func profileSections(ps []config.Profile, endpoint, region string) (conf, creds []iniSection) {
	for _, p := range ps {
		header := "profile " + p.Name
		if p.Name == "default" {
			header = "default"
		}
		var c iniSection
		c.header = header
		if p.Note != "" {
			c.lines = append(c.lines, "# "+p.Note)
		}
		if p.RoleARN != "" {
			c.lines = append(c.lines, "role_arn = "+p.RoleARN)
			if p.SourceProfile != "" {
				c.lines = append(c.lines, "source_profile = "+p.SourceProfile)
			}
			if p.ExternalID != "" {
				c.lines = append(c.lines, "external_id = "+p.ExternalID)
			}
		} else {
			creds = append(creds, iniSection{header: p.Name, lines: []string{
				"aws_access_key_id = " + p.AccessKeyID,
				"aws_secret_access_key = " + p.SecretAccessKey,
			}})
		}
		c.lines = append(c.lines, "region = "+region, "output = json")
		if endpoint != "" {
			c.lines = append(c.lines, "endpoint_url = "+endpoint, "services = "+servicesSection)
		}
		conf = append(conf, c)
	}
	if endpoint != "" && len(ps) > 0 {
		// A services section names the endpoint per service too: the Go SDK
		// v2 builds the STS client of a role_arn/source_profile profile
		// before it reads the profile's endpoint_url, and only finds the
		// per-service value.
		s := iniSection{header: "services " + servicesSection}
		for _, svc := range []string{"iam", "sts", "s3"} {
			s.lines = append(s.lines, svc+" =", "  endpoint_url = "+endpoint)
		}
		conf = append(conf, s)
	}
	return conf, creds
}

// servicesSection names the [services ...] section profile writes.
const servicesSection = "fakeaws"

// mergeINIFile replaces or appends sections in the INI file at path,
// keeping every other line.
func mergeINIFile(path string, sections []iniSection, perm os.FileMode) error {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, mergeINI(old, sections), perm)
}

func mergeINI(old []byte, sections []iniSection) []byte {
	replace := map[string]iniSection{}
	for _, s := range sections {
		replace[normalizeHeader(s.header)] = s
	}
	var out bytes.Buffer
	written := map[string]bool{}
	skipping := false
	for _, line := range strings.Split(strings.TrimRight(string(old), "\n"), "\n") {
		if h, ok := parseHeader(line); ok {
			key := normalizeHeader(h)
			if s, ok := replace[key]; ok {
				writeSection(&out, s)
				written[key] = true
				skipping = true
				continue
			}
			skipping = false
			if out.Len() > 0 && !bytes.HasSuffix(out.Bytes(), []byte("\n\n")) {
				out.WriteString("\n")
			}
		}
		if !skipping && (line != "" || out.Len() > 0) {
			out.WriteString(line + "\n")
		}
	}
	for _, s := range sections {
		if !written[normalizeHeader(s.header)] {
			writeSection(&out, s)
		}
	}
	return out.Bytes()
}

func writeSection(out *bytes.Buffer, s iniSection) {
	if out.Len() > 0 && !bytes.HasSuffix(out.Bytes(), []byte("\n\n")) {
		out.WriteString("\n")
	}
	out.WriteString("[" + s.header + "]\n")
	for _, l := range s.lines {
		out.WriteString(l + "\n")
	}
}

func parseHeader(line string) (string, bool) {
	t := strings.TrimSpace(line)
	if len(t) < 2 || t[0] != '[' || t[len(t)-1] != ']' {
		return "", false
	}
	return t[1 : len(t)-1], true
}

func normalizeHeader(h string) string { return strings.Join(strings.Fields(h), " ") }
