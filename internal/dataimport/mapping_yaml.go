package dataimport

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseMappingFile reads a mapping file by its name: YAML for .yaml and
// .yml, JSON otherwise. A YAML mapping is read into JSON first, so both
// forms are checked by the same strict reader.
func ParseMappingFile(name string, data []byte) (Mapping, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".yaml" && ext != ".yml" {
		return ParseMapping(data)
	}
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Mapping{}, fmt.Errorf("mapping: %w", err)
	}
	j, err := json.Marshal(doc)
	if err != nil {
		return Mapping{}, fmt.Errorf("mapping: %w", err)
	}
	return ParseMapping(j)
}
