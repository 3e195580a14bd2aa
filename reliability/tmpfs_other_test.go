//go:build !linux

package reliability

// execInTmpfs does nothing where the full-disk test cannot run (it needs
// Linux user and mount namespaces).
func execInTmpfs() {}
