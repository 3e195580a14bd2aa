package emulator

import _ "embed"

//go:embed console/index.html
var consoleHTML []byte
