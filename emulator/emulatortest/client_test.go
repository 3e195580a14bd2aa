package emulatortest_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestRunClientNamesTheStepThatHung: a client still running at its
// deadline is killed and the error quotes the last line it printed. The
// deadline is generous so a loaded machine still prints the line first.
func TestRunClientNamesTheStepThatHung(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	out, err := emulatortest.RunClient(exec.Command("bash", "-c", "echo 'ok   create bucket'; exec sleep 600"), 15*time.Second)
	var hung *emulatortest.HungError
	if !errors.As(err, &hung) || hung.LastLine != "ok   create bucket" {
		t.Fatalf("RunClient = %v, want a HungError after \"ok   create bucket\"; output:\n%s", err, out)
	}
	if want := `the step after "ok   create bucket" hung`; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}

	out, err = emulatortest.RunClient(exec.Command("bash", "-c", "echo done; exit 3"), 2*time.Minute)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 || out != "done\n" {
		t.Errorf("RunClient(exit 3) = %q, %v; want \"done\\n\" and exit status 3", out, err)
	}
}
