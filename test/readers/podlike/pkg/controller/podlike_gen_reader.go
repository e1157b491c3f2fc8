// podlike-gen's offline reader (test/readers/podlike in podlike-gen), dropped into Podlike's
// source tree at test time: a controller client that holds a service's labels as its own
// container's, so that Podlike's GetComponents and GetInitComponents read them without an engine.
package controller

import (
	"github.com/docker/docker/api/types"
	dtc "github.com/docker/docker/api/types/container"
)

// OfflineClient is the controller as Podlike sees itself, with labels and nothing else set.
func OfflineClient(labels map[string]string) *Client {
	return &Client{
		cgroup: "/podlike-gen-reader",
		container: &types.ContainerJSON{
			ContainerJSONBase: &types.ContainerJSONBase{
				ID:         "podlike-gen-reader",
				Name:       "/podlike-gen-reader",
				HostConfig: &dtc.HostConfig{},
			},
			Config: &dtc.Config{Labels: labels},
		},
	}
}
