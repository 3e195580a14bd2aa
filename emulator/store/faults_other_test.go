//go:build !linux

package store_test

// readOnlyChild is Linux only (a tmpfs in user and mount namespaces).
func readOnlyChild(string) int { return 3 }
