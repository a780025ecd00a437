package store_test

import "github.com/athar-project/athar/internal/store/storetest"

// The ledger's signing key is made in the per-user key folder: a temporary
// one for these tests, never the home folder of whoever runs them.
func init() { storetest.IsolateKeys() }
