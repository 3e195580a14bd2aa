package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator/config"
)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDockerfile checks the image's contract without a Docker engine.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	df := readRepoFile(t, "Dockerfile")
	for _, want := range []string{
		"FROM golang:1.26 AS build",
		"CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\"",
		"FROM gcr.io/distroless/static-debian12:nonroot",
		"USER 65532:65532",
		"EXPOSE 4566",
		"VOLUME /data",
		`ENTRYPOINT ["/fakeaws", "--addr", "0.0.0.0:4566", "--data", "/data", "--admin-anywhere"]`,
		`CMD ["/fakeaws", "health", "--endpoint", "http://127.0.0.1:4566"]`,
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	ignore := readRepoFile(t, ".dockerignore")
	for _, line := range strings.Split(ignore, "\n") {
		switch strings.TrimSpace(line) {
		case "cmd", "emulator", "evaluator", "go.mod", "go.sum", "examples":
			t.Errorf(".dockerignore excludes %q, which the build needs", line)
		}
	}
}

// TestDockerCompose checks docker-compose.yml's structure as text (no
// Docker engine or compose plugin here) and that the seed 000 flow it runs
// matches examples/emrys-odin.json.
func TestDockerCompose(t *testing.T) {
	t.Parallel()
	if path, err := exec.LookPath("docker"); err == nil {
		if exec.Command(path, "compose", "version").Run() == nil {
			cmd := exec.Command(path, "compose", "-f", "../docker-compose.yml", "config", "--quiet")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("docker compose config: %v\n%s", err, out)
			}
		}
	}
	dc := readRepoFile(t, "docker-compose.yml")
	for _, want := range []string{
		"\nservices:\n", "\n  fakeaws:\n", "    build: .\n", `"127.0.0.1:4566:4566"`,
		"      - fakeaws-data:/data\n", "      - ./examples/emrys-odin.json:/config/world.json:ro\n",
		`command: ["--config", "/config/world.json", "--admin-host", "fakeaws"]`, "condition: service_healthy",
		"    image: amazon/aws-cli", "AWS_ENDPOINT_URL: http://fakeaws:4566", "\nvolumes:\n  fakeaws-data:\n",
	} {
		if !strings.Contains(dc, want) {
			t.Errorf("docker-compose.yml lacks %q", want)
		}
	}
	if strings.Contains(dc, "\t") {
		t.Errorf("docker-compose.yml contains tabs (YAML indentation must be spaces)")
	}
	c, err := config.Load("../examples/emrys-odin.json")
	if err != nil {
		t.Fatalf("examples/emrys-odin.json: %v", err)
	}
	keys := map[string]string{}
	roles := map[string]bool{}
	for _, a := range c.Accounts {
		for _, k := range a.AccessKeys {
			keys[k.ID] = k.Secret
		}
		for _, r := range a.Roles {
			roles["arn:aws:iam::"+a.ID+":role/"+r.Name] = true
		}
	}
	id := regexp.MustCompile(`AWS_ACCESS_KEY_ID: (\S+)`).FindStringSubmatch(dc)
	secret := regexp.MustCompile(`AWS_SECRET_ACCESS_KEY: (\S+)`).FindStringSubmatch(dc)
	if id == nil || secret == nil || keys[id[1]] != secret[1] {
		t.Errorf("docker-compose.yml's credentials %v/%v are not a key of examples/emrys-odin.json", id, secret)
	}
	for _, arn := range regexp.MustCompile(`arn:aws:iam::\d{12}:role/[\w+=,.@-]+`).FindAllString(dc, -1) {
		if !roles[arn] {
			t.Errorf("docker-compose.yml assumes %s, which examples/emrys-odin.json does not declare", arn)
		}
	}
}

// TestBinaryWithDockerfileFlags builds cmd/fakeaws as the Dockerfile does,
// starts it with the example world, checks `fakeaws health`, and uses
// `fakeaws profile` output with the SDK's shared-config loading alone.
func TestBinaryWithDockerfileFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the binary build")
	}
	t.Parallel()
	df := readRepoFile(t, "Dockerfile")
	m := regexp.MustCompile(`CGO_ENABLED=0 go build (.*) -o \S+ (\S+)`).FindStringSubmatch(df)
	if m == nil {
		t.Fatal("no `CGO_ENABLED=0 go build ... -o OUT PKG` line in the Dockerfile")
	}
	flags := shellFields(m[1])
	dir := t.TempDir()
	bin := filepath.Join(dir, "fakeaws")
	build := exec.Command("go", append(append([]string{"build"}, flags...), "-o", bin, m[2])...)
	build.Dir = ".."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", flags, err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv := exec.CommandContext(ctx, bin, "--addr", "127.0.0.1:0", "--ephemeral", "--config", "../examples/emrys-odin.json")
	stdout, err := srv.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.Stderr = io.Discard
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt)
		_ = srv.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "fakeaws listening on ")
	if err != nil || !ok {
		t.Fatalf("first line %q (%v), want 'fakeaws listening on URL'", line, err)
	}
	go io.Copy(io.Discard, stdout)

	if out, err := exec.Command(bin, "health", "--endpoint", url).CombinedOutput(); err != nil {
		t.Errorf("fakeaws health: %v\n%s", err, out)
	} else {
		var h map[string]string
		if json.Unmarshal(out, &h) != nil || h["status"] != "ok" {
			t.Errorf("fakeaws health printed %q, want the health JSON", out)
		}
	}
	if err := exec.Command(bin, "health", "--endpoint", "http://127.0.0.1:1").Run(); err == nil {
		t.Errorf("fakeaws health against a closed port exited 0, want 1")
	}

	awsConf, awsCreds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	if out, err := exec.Command(bin, "profile", "--config", "../examples/emrys-odin.json", "--endpoint", url,
		"--aws-config", awsConf, "--aws-credentials", awsCreds).CombinedOutput(); err != nil {
		t.Fatalf("fakeaws profile: %v\n%s", err, out)
	}
	// No endpoint option: endpoint_url and the services section of the
	// generated profile must bring the SDK (and its assume-role call) here.
	for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID"} {
		if os.Getenv(k) != "" {
			t.Skipf("%s is set: it would override the generated profile", k)
		}
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithSharedConfigFiles([]string{awsConf}),
		awsconfig.WithSharedCredentialsFiles([]string{awsCreds}), awsconfig.WithSharedConfigProfile("odin-s3"))
	if err != nil {
		t.Fatal(err)
	}
	who, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity with profile odin-s3: %v", err)
	}
	if got := aws.ToString(who.Arn); !strings.HasPrefix(got, "arn:aws:sts::222222222222:assumed-role/S3ReadWriteRoleEmrys/") {
		t.Errorf("profile odin-s3 is %s, want a session of S3ReadWriteRoleEmrys", got)
	}
	obj, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).GetObject(ctx,
		&s3.GetObjectInput{Bucket: aws.String("odin-bucket"), Key: aws.String("hello.txt")})
	if err != nil {
		t.Fatalf("GetObject odin-bucket/hello.txt with profile odin-s3: %v", err)
	}
	body, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if string(body) != "hello from Odin\n" {
		t.Errorf("hello.txt = %q, want the example world's body", body)
	}
}

// shellFields splits s into words as a POSIX shell would for the simple
// quoting a Dockerfile RUN line uses ("..." and '...').
func shellFields(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
