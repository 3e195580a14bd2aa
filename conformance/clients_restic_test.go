package conformance

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRestic backs up to Odin's bucket with restic (its S3 backend is
// minio-go) with long-term keys and with the cross-account role session:
// init (which creates the bucket), backup of a small and a 20 MiB file,
// check with every pack read back, restore compared byte for byte, and
// init in Thor's bucket refused with AccessDenied.
func TestRestic(t *testing.T) {
	t.Parallel()
	if why := binaryMissing("restic"); why != "" {
		t.Skipf("restic: skipped: %s", why)
	}
	w := newClientWorld(t)
	for _, c := range w.creds {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			r := &toolRunner{t: t, w: w, creds: c, dir: dir, env: append(toolEnv(dir, c), "RESTIC_PASSWORD=fakeaws-test",
				"RESTIC_CACHE_DIR="+filepath.Join(dir, "cache"))}
			repo := "s3:" + w.srv.URL + "/odin-restic-" + c.name + "/backups"
			data := filepath.Join(dir, "data")
			if err := os.MkdirAll(data, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range map[string][]byte{"small.txt": w.small, "large.bin": w.large} {
				if err := os.WriteFile(filepath.Join(data, name), body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			steps := []struct {
				name string
				args []string
			}{
				{"init", []string{"-r", repo, "init"}},
				{"backup", []string{"-r", repo, "backup", data}},
				{"check", []string{"-r", repo, "check", "--read-data"}},
				{"restore", []string{"-r", repo, "restore", "latest", "--target", filepath.Join(dir, "restored")}},
			}
			for _, s := range steps {
				r.prefix = "restic/" + c.name + "/" + s.name
				if out, err := r.run("restic", s.args...); err != nil {
					t.Fatalf("restic %s with %s: %v\n%s", s.name, c.description, err, tail(out, 2000))
				}
			}
			for name, want := range map[string][]byte{"small.txt": w.small, "large.bin": w.large} {
				got, err := os.ReadFile(filepath.Join(dir, "restored", data, name))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("restored %s: %d bytes (%v), want the %d bytes backed up", name, len(got), err, len(want))
				}
			}
			r.prefix = "restic/" + c.name + "/denied init"
			_, err := r.run("restic", "-r", "s3:"+w.srv.URL+"/"+deniedBucket+"/backups", "init")
			if err := wantAccessDenied(err); err != nil {
				t.Errorf("restic init in Thor's bucket with %s: %v", c.description, err)
			}
		})
	}
}
