package store

import "time"

// SetSearchPage sets how many candidates PostgreSQL's search reads first
// for each result asked for, and how many times more each next read takes,
// and returns a function that restores both.
func SetSearchPage(page, growth int) (restore func()) {
	oldPage, oldGrowth := searchPage, searchGrowth
	searchPage, searchGrowth = page, growth
	return func() { searchPage, searchGrowth = oldPage, oldGrowth }
}

// SetCandidateWalk sets how long PostgreSQL's search may read candidates
// by its planner's plan before it reads them through the full-text index,
// and returns a function that restores it.
func SetCandidateWalk(d time.Duration) (restore func()) {
	old := candidateWalk
	candidateWalk = d
	return func() { candidateWalk = old }
}

// QueryCanceled is queryCanceled, for the tests.
var QueryCanceled = queryCanceled
