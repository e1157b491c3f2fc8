// podlike-gen's offline reader (test/readers/podlike in podlike-gen), dropped into Podlike's
// source tree at test time: the controller's own flag set, applied to a service's command.
package flags

import (
	"flag"
	"fmt"
	"io"

	"github.com/rycus86/podlike/pkg/config"
)

// ParseArgs reads args (the controller's argv after /podlike) as Parse reads os.Args[1:];
// an error where Parse would exit or panic.
func ParseArgs(args []string) (*config.Configuration, error) {
	if len(args) > 0 && (args[0] == "healthcheck" || args[0] == "template" || args[0] == "version") {
		return nil, fmt.Errorf("the controller runs its %q command and exits: it starts no pod", args[0])
	}
	saved := flag.CommandLine
	defer func() { flag.CommandLine = saved }()
	flag.CommandLine = flag.NewFlagSet("/podlike", flag.ContinueOnError)
	flag.CommandLine.SetOutput(io.Discard)
	setupVariables()
	if err := flag.CommandLine.Parse(args); err != nil {
		return nil, err
	}
	if flag.CommandLine.NArg() > 0 {
		return nil, fmt.Errorf("Invalid command line argument: %s", flag.CommandLine.Arg(0))
	}
	return &config.Configuration{SharePids: pids, ShareIpc: ipc, ShareVolumes: volumes, StreamLogs: logs, AlwaysPull: pull}, nil
}
