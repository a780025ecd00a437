package reconcile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Limits on what one request may ask.
const (
	maxBatch     = 100 // queries in a batch (the manifest's batchSize)
	maxLimit     = 100 // candidates per query
	defaultLimit = 10  // candidates per query when the query gives no limit
	maxText      = 500 // characters of a query string or property value
	maxValues    = 20  // values of one property constraint
	maxConds     = 20  // property constraints of one query
	maxBody      = 1 << 20
)

// query is one reconciliation query, in either version of the protocol.
type query struct {
	key   string   // the batch key (0.2); "" in the draft, where order identifies
	text  string   // the name to match; "" when only properties are given
	types []string // type ids as given; empty for every type
	limit int
	conds []condition
}

// condition constrains candidates by a property's values.
type condition struct {
	pid        string
	values     []value
	required   bool   // a candidate that does not satisfy it is dropped (draft only)
	quantifier string // any, all or none
}

// value is a property value: text, or a reference to an entity by its id.
type value struct {
	text string
	id   string
}

// queryError is a bad query: the message names what is wrong and where, and
// is safe to show (it quotes only what the client sent).
type queryError struct{ msg string }

func (e *queryError) Error() string { return e.msg }

func badf(format string, args ...any) error { return &queryError{fmt.Sprintf(format, args...)} }

// parseBatch02 reads a version 0.2 query batch: a JSON object of queries
// keyed by strings. The keys come back in sorted order.
func parseBatch02(raw string) ([]query, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, badf("queries: empty; want a JSON object of queries, e.g. {\"q0\": {\"query\": \"Ous Salloum\"}}")
	}
	var batch map[string]json.RawMessage
	if err := decodeStrict([]byte(raw), &batch); err != nil {
		return nil, badf("queries: not a JSON object of queries: %s", jsonProblem(err))
	}
	if batch == nil {
		return nil, badf("queries: null; want a JSON object of queries")
	}
	if len(batch) > maxBatch {
		return nil, &tooLarge{len(batch)}
	}
	keys := make([]string, 0, len(batch))
	for k := range batch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]query, 0, len(keys))
	for _, k := range keys {
		q, err := parseQuery02(k, batch[k])
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// tooLarge is a batch over maxBatch queries (HTTP 413).
type tooLarge struct{ n int }

func (e *tooLarge) Error() string {
	return fmt.Sprintf("queries: %d queries in one batch; send at most %d (the manifest's batchSize)", e.n, maxBatch)
}

func parseQuery02(key string, raw json.RawMessage) (query, error) {
	where := fmt.Sprintf("query %q", key)
	var fields map[string]json.RawMessage
	if err := decodeStrict(raw, &fields); err != nil || fields == nil {
		return query{}, badf("%s: want a JSON object with \"query\" and optional \"type\", \"limit\", \"properties\", \"type_strict\"", where)
	}
	q := query{key: key, limit: defaultLimit}
	for _, name := range sortedKeys(fields) {
		v := fields[name]
		if isNull(v) {
			return query{}, badf("%s: %q is null; leave it out or give a value", where, name)
		}
		var err error
		switch name {
		case "query":
			q.text, err = textField(where+": \"query\"", v)
		case "type":
			q.types, err = typesField(where+": \"type\"", v)
		case "limit":
			q.limit, err = limitField(where+": \"limit\"", v)
		case "type_strict":
			var s string
			if json.Unmarshal(v, &s) != nil || (s != "any" && s != "should" && s != "all") {
				err = badf("%s: \"type_strict\" must be \"any\", \"should\" or \"all\"", where)
			}
		case "properties":
			q.conds, err = properties02(where, v)
		default:
			err = badf("%s: unknown field %q (a 0.2 query has query, type, limit, properties and type_strict)", where, name)
		}
		if err != nil {
			return query{}, err
		}
	}
	if q.text == "" && len(q.conds) == 0 {
		return query{}, badf("%s: give a non-empty \"query\" or at least one property in \"properties\"", where)
	}
	return q, nil
}

func properties02(where string, raw json.RawMessage) ([]condition, error) {
	var items []map[string]json.RawMessage
	if err := decodeStrict(raw, &items); err != nil {
		return nil, badf("%s: \"properties\" must be an array of {\"pid\", \"v\"} objects", where)
	}
	if len(items) > maxConds {
		return nil, badf("%s: %d properties; at most %d", where, len(items), maxConds)
	}
	var out []condition
	for i, it := range items {
		at := fmt.Sprintf("%s: properties[%d]", where, i)
		c := condition{quantifier: "any"}
		for _, name := range sortedKeys(it) {
			if isNull(it[name]) {
				return nil, badf("%s: %q is null", at, name)
			}
			var err error
			switch name {
			case "pid":
				c.pid, err = pidField(at, it[name])
			case "v":
				c.values, err = valuesField(at+": \"v\"", it[name])
			default:
				err = badf("%s: unknown field %q (want \"pid\" and \"v\")", at, name)
			}
			if err != nil {
				return nil, err
			}
		}
		if c.pid == "" || it["v"] == nil {
			return nil, badf("%s: needs both \"pid\" and \"v\"", at)
		}
		out = append(out, c)
	}
	return out, nil
}

// parseBatchDraft reads a 1.0-draft query batch: {"queries": [...]}, each
// query a list of conditions (one of them, at most, on the name).
func parseBatchDraft(body []byte) ([]query, error) {
	var top map[string]json.RawMessage
	if err := decodeStrict(body, &top); err != nil || top == nil {
		msg := "want a JSON object {\"queries\": [...]}"
		if err != nil {
			msg = jsonProblem(err) + "; " + msg
		}
		return nil, badf("request body: %s", msg)
	}
	for k := range top {
		if k != "queries" {
			return nil, badf("request body: unknown field %q (want only \"queries\")", k)
		}
	}
	var items []json.RawMessage
	if err := decodeStrict(top["queries"], &items); err != nil || items == nil {
		return nil, badf("\"queries\": want an array of queries")
	}
	if len(items) > maxBatch {
		return nil, &tooLarge{len(items)}
	}
	out := make([]query, 0, len(items))
	for i, raw := range items {
		q, err := parseQueryDraft(fmt.Sprintf("queries[%d]", i), raw)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

func parseQueryDraft(where string, raw json.RawMessage) (query, error) {
	var fields map[string]json.RawMessage
	if err := decodeStrict(raw, &fields); err != nil || fields == nil {
		return query{}, badf("%s: want a JSON object with \"conditions\" and optional \"type\", \"limit\", \"lang\", \"dir\"", where)
	}
	q := query{limit: defaultLimit}
	for _, name := range sortedKeys(fields) {
		v := fields[name]
		if isNull(v) {
			return query{}, badf("%s: %q is null; leave it out or give a value", where, name)
		}
		var err error
		switch name {
		case "type":
			var s string
			if json.Unmarshal(v, &s) != nil {
				err = badf("%s: \"type\" must be one type id (a string)", where)
			} else if s != "" {
				q.types = []string{s}
			}
		case "limit":
			q.limit, err = limitField(where+": \"limit\"", v)
		case "lang":
			var s string
			if json.Unmarshal(v, &s) != nil {
				err = badf("%s: \"lang\" must be a language tag (a string)", where)
			}
		case "dir":
			var s string
			if json.Unmarshal(v, &s) != nil || (s != "ltr" && s != "rtl" && s != "auto") {
				err = badf("%s: \"dir\" must be \"ltr\", \"rtl\" or \"auto\"", where)
			}
		case "conditions":
			err = conditionsDraft(where, v, &q)
		default:
			err = badf("%s: unknown field %q (a query has conditions, type, limit, lang and dir)", where, name)
		}
		if err != nil {
			return query{}, err
		}
	}
	if fields["conditions"] == nil {
		return query{}, badf("%s: \"conditions\" is required", where)
	}
	return q, nil
}

func conditionsDraft(where string, raw json.RawMessage, q *query) error {
	var items []map[string]json.RawMessage
	if err := decodeStrict(raw, &items); err != nil {
		return badf("%s: \"conditions\" must be an array of condition objects", where)
	}
	if len(items) == 0 {
		return badf("%s: \"conditions\" is empty; give at least one", where)
	}
	if len(items) > maxConds+1 {
		return badf("%s: %d conditions; at most %d", where, len(items), maxConds+1)
	}
	for i, it := range items {
		at := fmt.Sprintf("%s: conditions[%d]", where, i)
		var matchType string
		if raw, ok := it["matchType"]; !ok || json.Unmarshal(raw, &matchType) != nil {
			return badf("%s: \"matchType\" is required: \"name\", \"id\" or \"property\"", at)
		}
		c := condition{quantifier: "any"}
		for _, name := range sortedKeys(it) {
			v := it[name]
			if isNull(v) {
				return badf("%s: %q is null", at, name)
			}
			var err error
			switch name {
			case "matchType":
			case "propertyId":
				c.pid, err = pidField(at, v)
			case "propertyValue":
				c.values, err = valuesField(at+": \"propertyValue\"", v)
			case "required":
				if json.Unmarshal(v, &c.required) != nil {
					err = badf("%s: \"required\" must be true or false", at)
				}
			case "matchQuantifier":
				if json.Unmarshal(v, &c.quantifier) != nil || (c.quantifier != "any" && c.quantifier != "all" && c.quantifier != "none") {
					err = badf("%s: \"matchQuantifier\" must be \"any\", \"all\" or \"none\"", at)
				}
			case "matchQualifier":
				var s string
				if json.Unmarshal(v, &s) != nil {
					err = badf("%s: \"matchQualifier\" must be a string", at)
				}
			case "lang", "dir":
				var s string
				if json.Unmarshal(v, &s) != nil {
					err = badf("%s: %q must be a string", at, name)
				}
			default:
				err = badf("%s: unknown field %q", at, name)
			}
			if err != nil {
				return err
			}
		}
		if it["propertyValue"] == nil {
			return badf("%s: \"propertyValue\" is required", at)
		}
		switch matchType {
		case "name":
			if c.pid != "" {
				return badf("%s: a name condition takes no \"propertyId\"", at)
			}
			if q.text != "" {
				return badf("%s: only one name condition per query", at)
			}
			if len(c.values) != 1 || c.values[0].text == "" {
				return badf("%s: a name condition needs one non-empty string", at)
			}
			q.text = c.values[0].text
		case "id":
			// Matching by id is a required condition on the entity id.
			c.pid = "id"
			c.required = true
			q.conds = append(q.conds, c)
		case "property":
			if c.pid == "" {
				return badf("%s: a property condition needs \"propertyId\"", at)
			}
			q.conds = append(q.conds, c)
		default:
			return badf("%s: \"matchType\" must be \"name\", \"id\" or \"property\", not %q", at, matchType)
		}
	}
	return nil
}

// Field readers.

func textField(where string, raw json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", badf("%s must be a string", where)
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > maxText {
		return "", badf("%s is longer than %d characters", where, maxText)
	}
	return s, nil
}

func typesField(where string, raw json.RawMessage) ([]string, error) {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		if one = strings.TrimSpace(one); one == "" {
			return nil, nil
		}
		return []string{one}, nil
	}
	var many []json.RawMessage
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, badf("%s must be a type id or an array of type ids", where)
	}
	var out []string
	for _, m := range many {
		var t string
		if isNull(m) || json.Unmarshal(m, &t) != nil {
			return nil, badf("%s must be a type id or an array of type ids", where)
		}
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out, nil
}

func limitField(where string, raw json.RawMessage) (int, error) {
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || f < 1 {
		return 0, badf("%s must be a positive whole number, not %s", where, clip(string(raw)))
	}
	return int(min(f, maxLimit)), nil
}

func pidField(where string, raw json.RawMessage) (string, error) {
	var pid string
	if err := json.Unmarshal(raw, &pid); err != nil {
		return "", badf("%s: the property id must be a string", where)
	}
	if _, ok := propertyOf(pid); !ok {
		return "", badf("%s: unknown property %q (Athar's properties: %s)", where, clip(pid), propertyIDs())
	}
	return pid, nil
}

// valuesField reads one property value or an array of them: strings,
// numbers, booleans, or {"id", "name"} entity references.
func valuesField(where string, raw json.RawMessage) ([]value, error) {
	raw = bytes.TrimSpace(raw)
	var items []json.RawMessage
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, badf("%s: not a JSON array of values", where)
		}
		if len(items) == 0 {
			return nil, badf("%s: empty array; give at least one value", where)
		}
	} else {
		items = []json.RawMessage{raw}
	}
	if len(items) > maxValues {
		return nil, badf("%s: %d values; at most %d", where, len(items), maxValues)
	}
	out := make([]value, 0, len(items))
	for i, it := range items {
		v, err := oneValue(it)
		if err != nil {
			if len(items) > 1 {
				where = fmt.Sprintf("%s[%d]", where, i)
			}
			return nil, badf("%s: %v", where, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func oneValue(raw json.RawMessage) (value, error) {
	var v value
	var s string
	if json.Unmarshal(raw, &s) == nil {
		v.text = strings.TrimSpace(s)
	} else {
		var n json.Number
		var b bool
		var ref map[string]json.RawMessage
		switch {
		case json.Unmarshal(raw, &n) == nil:
			v.text = n.String()
		case json.Unmarshal(raw, &b) == nil:
			v.text = fmt.Sprint(b)
		case json.Unmarshal(raw, &ref) == nil && ref != nil:
			if json.Unmarshal(ref["id"], &v.id) != nil || v.id == "" {
				return v, errors.New("an entity value needs a string \"id\"")
			}
			if n, ok := ref["name"]; ok && (isNull(n) || json.Unmarshal(n, &v.text) != nil) {
				return v, errors.New("an entity value's \"name\" must be a string")
			}
			var lang, dir string
			if l, ok := ref["lang"]; ok && (isNull(l) || json.Unmarshal(l, &lang) != nil) {
				return v, errors.New("an entity value's \"lang\" must be a language tag")
			}
			if d, ok := ref["dir"]; ok && (json.Unmarshal(d, &dir) != nil || (dir != "ltr" && dir != "rtl" && dir != "auto")) {
				return v, errors.New("an entity value's \"dir\" must be \"ltr\", \"rtl\" or \"auto\"")
			}
		default:
			return v, errors.New("a value must be a string, number, boolean or {\"id\", \"name\"} object")
		}
	}
	if utf8.RuneCountInString(v.text) > maxText || len(v.id) > maxText {
		return v, fmt.Errorf("a value is longer than %d characters", maxText)
	}
	if v.text == "" && v.id == "" {
		return v, errors.New("empty value")
	}
	return v, nil
}

// decodeStrict decodes exactly one JSON value, with nothing but white space
// after it.
func decodeStrict(b []byte, into any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		return err
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		return fmt.Errorf("unexpected %q after the JSON value (byte %d)", clip(string(rest)), dec.InputOffset())
	}
	return nil
}

// jsonProblem says where JSON went wrong, without echoing it at length.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d (%v)", syn.Offset, syn)
	case errors.As(err, &typ):
		return fmt.Sprintf("found a JSON %s where an object or array was expected (byte %d)", typ.Value, typ.Offset)
	case err.Error() == "EOF" || err.Error() == "unexpected EOF":
		return "the JSON ends too early"
	}
	return err.Error()
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// clip shortens what a client sent before quoting it back.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// isNull: JSON null, which Go would quietly read as a zero value.
func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }
