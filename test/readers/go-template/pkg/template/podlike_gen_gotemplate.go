// podlike-gen's Go template check (test/readers/go-template in podlike-gen), dropped into
// Podlike's source tree at test time: Podlike's own template functions, reached from outside
// the package, so that templates run with exactly what `podlike template` gives them.
package template

import "text/template"

// PodlikeGenFuncs is Podlike's FuncMap, as prepareTemplate installs it.
func PodlikeGenFuncs() template.FuncMap {
	return podTemplateFuncMap
}
