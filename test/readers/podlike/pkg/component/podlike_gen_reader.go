// podlike-gen's offline reader (test/readers/podlike in podlike-gen), dropped into Podlike's
// source tree at test time: the container and host configs Podlike would create a component
// with, and its copy-spec parser, reached from outside the package.
package component

import (
	"errors"
	"fmt"

	"github.com/docker/docker/api/types/container"
	"github.com/rycus86/podlike/pkg/config"
)

// EngineConfigs builds what createContainer sends to the engine. env_file is read on the
// controller's filesystem, which is not here: its paths are returned and left out of Env.
func (c *Component) EngineConfigs(configuration *config.Configuration) (*container.Config, *container.HostConfig, []string, error) {
	envFiles, err := envFilePaths(c.EnvFile)
	if err != nil {
		return nil, nil, nil, err
	}
	withoutFiles := *c
	withoutFiles.EnvFile = nil
	containerConfig, err := withoutFiles.newContainerConfig()
	if err != nil {
		return nil, nil, nil, err
	}
	hostConfig, err := withoutFiles.newHostConfig(configuration)
	if err != nil {
		return nil, nil, nil, err
	}
	return containerConfig, hostConfig, envFiles, nil
}

// envFilePaths accepts what variablesFromEnvFiles accepts: a list of path strings (a single
// string is read, then refused as "unexpected env file(s)").
func envFilePaths(files interface{}) ([]string, error) {
	if files == nil {
		return nil, nil
	}
	list, ok := files.([]interface{})
	if !ok {
		return nil, errors.New(fmt.Sprintf("unexpected env file(s): %+v (%T)", files, files))
	}
	paths := make([]string, 0, len(list))
	for _, file := range list {
		path, ok := file.(string)
		if !ok {
			return nil, errors.New(fmt.Sprintf("wrong env file path: %+v (%T)", file, file))
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// VariablesFromEnvFiles is variablesFromEnvFiles, as the controller reads a component's env_file list.
func VariablesFromEnvFiles(paths []string) (map[string]string, error) {
	files := make([]interface{}, len(paths))
	for i, path := range paths {
		files[i] = path
	}
	return variablesFromEnvFiles(files)
}

// ParseCopyConfig is parseCopyConfig, as copyFilesIfNecessary reads a pod.copy.* label.
func ParseCopyConfig(definition string) ([]CopyConfig, error) {
	return parseCopyConfig(definition)
}
