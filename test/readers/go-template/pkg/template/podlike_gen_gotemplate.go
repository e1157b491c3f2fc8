// podlike-gen's Go template check (test/readers/go-template in podlike-gen), dropped into
// Podlike's source tree at test time: Podlike's own template functions and template data,
// reached from outside the package, so that templates run with exactly what `podlike template`
// gives them.
package template

import (
	"encoding/json"
	"fmt"
	"text/template"
)

// PodlikeGenFuncs is Podlike's FuncMap, as prepareTemplate installs it.
func PodlikeGenFuncs() template.FuncMap {
	return podTemplateFuncMap
}

// PodlikeGenVars is what render executes a template on: the service as docker's compose loader
// reads it (convertToServices) and the args merged into a fresh map. It also gives the service
// as JSON, for podlike-gen to build the same value.
func PodlikeGenVars(name string, service, args interface{}) (vars interface{}, serviceJSON []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	definition, err := convertToStringKeysRecursive(service, "")
	if err != nil {
		return nil, nil, err
	}
	services := convertToServices(map[string]interface{}{name: definition}, ".")
	allArgs := map[string]interface{}{}
	if args != nil {
		converted, err := convertToStringKeysRecursive(args, "")
		if err != nil {
			return nil, nil, err
		}
		mergeRecursively(allArgs, converted.(map[string]interface{}))
	}
	serviceJSON, err = json.Marshal(services[0])
	if err != nil {
		return nil, nil, err
	}
	return templateVars{Service: &services[0], Args: allArgs}, serviceJSON, nil
}
