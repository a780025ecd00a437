package store

// SetSearchPage sets how many candidates PostgreSQL's search reads first
// for each result asked for, and how many times more each next read takes,
// and returns a function that restores both.
func SetSearchPage(page, growth int) (restore func()) {
	oldPage, oldGrowth := searchPage, searchGrowth
	searchPage, searchGrowth = page, growth
	return func() { searchPage, searchGrowth = oldPage, oldGrowth }
}
