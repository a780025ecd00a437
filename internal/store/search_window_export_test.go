package store

// SetSearchWindow sets the size of PostgreSQL's first search window and
// how many times larger each next one is, and returns a function that
// restores both.
func SetSearchWindow(size, growth int64) (restore func()) {
	oldSize, oldGrowth := searchWindow, searchGrowth
	searchWindow, searchGrowth = size, growth
	return func() { searchWindow, searchGrowth = oldSize, oldGrowth }
}
