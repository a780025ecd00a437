// Command athar is Athar's command-line interface: it ingests sources, runs the
// pipeline, verifies the ledger, serves the web UI and exports. Every command
// lives in a file of its own here; the work lives in internal/.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
