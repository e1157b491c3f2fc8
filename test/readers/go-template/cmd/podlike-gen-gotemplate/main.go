// podlike-gen's Go template check (test/readers/go-template in podlike-gen), built inside
// Podlike's own source tree at test time. It reads cases as JSON on stdin, each a template text
// and its data as YAML, and renders each with Go's text/template and Podlike's functions, the
// way Podlike's prepareTemplate and render do (template.New(name).Funcs(...).Parse, Execute),
// the data decoded by yaml.v2 into interface{}. It prints, per case, the output or the error.
package main

import (
	"bytes"
	"encoding/json"
	"io/ioutil"
	"os"
	"text/template"

	podlike "github.com/rycus86/podlike/pkg/template"
	"gopkg.in/yaml.v2"
)

type testCase struct {
	Name     string `json:"name"`
	Template string `json:"template"`
	Data     string `json:"data"`
	// TemplateYaml, when set, is an inline mapping: the template is its yaml.v2 Marshal, as
	// Podlike's hookFromInlineConfig makes it.
	TemplateYaml string `json:"templateYaml"`
	// Service, when set, is a service definition as YAML: the data is then Podlike's own
	// template data for it (templateVars), with Args from the YAML in Args.
	Service string `json:"service"`
	Args    string `json:"args"`
}

type result struct {
	Output     *string `json:"output,omitempty"`
	ParseError *string `json:"parseError,omitempty"`
	ExecError  *string `json:"execError,omitempty"`
	DataError  *string `json:"dataError,omitempty"`
	Template   *string `json:"template,omitempty"`
	// ServiceJSON is the loaded service, for podlike-gen to build the same data.
	ServiceJSON json.RawMessage `json:"serviceJson,omitempty"`
}

func render(c testCase) (res result) {
	if c.TemplateYaml != "" {
		var inline map[string]interface{}
		if err := yaml.Unmarshal([]byte(c.TemplateYaml), &inline); err != nil {
			message := err.Error()
			return result{DataError: &message}
		}
		content, err := yaml.Marshal(inline)
		if err != nil {
			message := err.Error()
			return result{DataError: &message}
		}
		c.Template = string(content)
		defer func() { res.Template = &c.Template }()
	}
	var data interface{}
	var serviceJSON json.RawMessage
	if c.Service != "" {
		var service, args interface{}
		err := yaml.Unmarshal([]byte(c.Service), &service)
		if err == nil {
			err = yaml.Unmarshal([]byte(c.Args), &args)
		}
		if err == nil {
			data, serviceJSON, err = podlike.PodlikeGenVars("app", service, args)
		}
		if err != nil {
			message := err.Error()
			return result{DataError: &message}
		}
		defer func() { res.ServiceJSON = serviceJSON }()
	} else if err := yaml.Unmarshal([]byte(c.Data), &data); err != nil {
		message := err.Error()
		return result{DataError: &message}
	}
	tmpl, err := template.New(c.Name).Funcs(podlike.PodlikeGenFuncs()).Parse(c.Template)
	if err != nil {
		message := err.Error()
		return result{ParseError: &message}
	}
	defer func() {
		if r := recover(); r != nil {
			message := "panic"
			res = result{ExecError: &message}
		}
	}()
	var buffer bytes.Buffer
	if err := tmpl.Execute(&buffer, data); err != nil {
		message := err.Error()
		return result{ExecError: &message}
	}
	output := buffer.String()
	return result{Output: &output}
}

func main() {
	input, err := ioutil.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		panic(err)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = render(c)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
