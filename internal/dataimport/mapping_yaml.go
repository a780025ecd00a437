package dataimport

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseMappingFile reads a mapping file by its name: YAML for .yaml and
// .yml, JSON otherwise. Both are read strictly: a key the mapping does not
// have is an error, named with its line in YAML.
func ParseMappingFile(name string, data []byte) (Mapping, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".yaml" && ext != ".yml" {
		return ParseMapping(data)
	}
	return ParseMappingYAML(data)
}

// ParseMappingYAML reads and checks a mapping written in YAML.
func ParseMappingYAML(data []byte) (Mapping, error) {
	var m Mapping
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		if errors.Is(err, io.EOF) {
			return m, errors.New("mapping: the file is empty")
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			// One line: each problem with its line, in words a partner reads.
			msgs := make([]string, len(te.Errors))
			for i, e := range te.Errors {
				msgs[i] = strings.Replace(e, " not found in type dataimport.Mapping", " is not a key a mapping has", 1)
			}
			return m, fmt.Errorf("mapping (YAML): %s", strings.Join(msgs, "; "))
		}
		return m, fmt.Errorf("mapping (YAML): %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var more yaml.Node
	if err := dec.Decode(&more); err == nil {
		return m, errors.New("mapping (YAML): more than one document")
	}
	return m, m.check()
}

// UnmarshalYAML reads a column name or a list of names.
func (c *Columns) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*c = Columns{n.Value}
		return nil
	case yaml.SequenceNode:
		var many []string
		for _, x := range n.Content {
			if x.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: want a column name", x.Line)
			}
			many = append(many, x.Value)
		}
		*c = many
		return nil
	}
	return fmt.Errorf("line %d: want a column name or a list of column names", n.Line)
}

// UnmarshalYAML reads a column name or {column, role, match}.
func (l *Link) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = Link{Column: n.Value}
		return nil
	case yaml.MappingNode:
		var out Link
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: %s: want text", v.Line, k.Value)
			}
			switch k.Value {
			case "column":
				out.Column = v.Value
			case "role":
				out.Role = v.Value
			case "match":
				out.Match = v.Value
			default:
				return fmt.Errorf("line %d: field %s not found in a link (want column, role or match)", k.Line, k.Value)
			}
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: want a column name or {column, role, match}", n.Line)
}
