// podlike-gen's offline reader (test/readers/podlike in podlike-gen), built inside Podlike's own
// source tree at test time. It reads a stack as `docker stack config` prints it (interpolated)
// on stdin and, for every service with pod.* labels or the Podlike image, reads those labels
// as Podlike's controller does: its flag set on the command, its GetInitComponents and
// GetComponents (yaml.v2 UnmarshalStrict), its container and host config builders, its copy
// parser and volume rules. It prints JSON of what Podlike ends with, and the problems: what
// Podlike refuses, and what it reads differently from what a compose author means.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/ioutil"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/mattn/go-shellwords"
	"github.com/rycus86/podlike/pkg/component"
	"github.com/rycus86/podlike/pkg/config"
	"github.com/rycus86/podlike/pkg/controller"
	"github.com/rycus86/podlike/pkg/flags"
	"gopkg.in/yaml.v2"
)

// The service fields docker prints that the controller's own container gets.
type dockerService struct {
	Image      string   `yaml:"image"`
	Entrypoint words    `yaml:"entrypoint"`
	Command    words    `yaml:"command"`
	Labels     labelMap `yaml:"labels"`
}

// labelMap is labels as docker prints them (a mapping), or as a compose file may write them (KEY=VALUE items).
type labelMap map[string]string

func (l *labelMap) UnmarshalYAML(unmarshal func(interface{}) error) error {
	var mapping map[string]string
	if err := unmarshal(&mapping); err == nil {
		*l = mapping
		return nil
	}
	var items []string
	if err := unmarshal(&items); err != nil {
		return err
	}
	*l = labelMap{}
	for _, item := range items {
		parts := strings.SplitN(item, "=", 2)
		(*l)[parts[0]] = parts[len(parts)-1]
		if len(parts) == 1 {
			(*l)[parts[0]] = ""
		}
	}
	return nil
}

// words is a command as docker prints it (a list), or as a compose file may write it (a string docker splits).
type words []string

func (w *words) UnmarshalYAML(unmarshal func(interface{}) error) error {
	var list []string
	if err := unmarshal(&list); err == nil {
		*w = list
		return nil
	}
	var text string
	if err := unmarshal(&text); err != nil {
		return err
	}
	split, err := shellwords.Parse(text)
	*w = split
	return err
}

type dockerStack struct {
	Services map[string]dockerService `yaml:"services"`
}

// Every field docker printed for the services, to compare the controller's own fields with.
type rawStack struct {
	Services map[string]interface{} `yaml:"services"`
}

type controllerView struct {
	Image   string      `json:"image"`
	Args    []string    `json:"args"`
	Service interface{} `json:"service"`
	*config.Configuration
}

type mountView struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"readOnly"`
}

type healthcheckView struct {
	Test        []string `json:"test"`
	Interval    string   `json:"interval,omitempty"`
	Timeout     string   `json:"timeout,omitempty"`
	StartPeriod string   `json:"startPeriod,omitempty"`
	Retries     int      `json:"retries,omitempty"`
}

type dependencyView struct {
	Name    string `json:"name"`
	Healthy bool   `json:"healthy"`
}

// What Podlike creates a component with: the values a compose author writes, as the engine gets them.
type componentView struct {
	Image       string                 `json:"image"`
	Entrypoint  []string               `json:"entrypoint"`
	Command     []string               `json:"command"`
	WorkingDir  string                 `json:"workingDir,omitempty"`
	User        string                 `json:"user,omitempty"`
	StopSignal  string                 `json:"stopSignal,omitempty"`
	StopTimeout *int                   `json:"stopTimeout,omitempty"`
	Environment map[string]string      `json:"environment"`
	EnvFiles    []string               `json:"envFiles,omitempty"`
	Labels      map[string]string      `json:"labels"`
	Privileged  bool                   `json:"privileged"`
	ReadOnly    bool                   `json:"readOnly"`
	Mounts      []mountView            `json:"mounts"`
	Tmpfs       map[string]string      `json:"tmpfs,omitempty"`
	Sysctls     map[string]string      `json:"sysctls,omitempty"`
	CapAdd      []string               `json:"capAdd,omitempty"`
	CapDrop     []string               `json:"capDrop,omitempty"`
	Logging     *container.LogConfig   `json:"logging,omitempty"`
	Healthcheck *healthcheckView       `json:"healthcheck,omitempty"`
	DependsOn   []dependencyView       `json:"dependsOn,omitempty"`
	Resources   map[string]interface{} `json:"resources,omitempty"`
}

type copyView struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

type serviceView struct {
	Controller *controllerView           `json:"controller"`
	Components map[string]*componentView `json:"components"`
	Init       []*componentView          `json:"init"`
	Copies     map[string][]copyView     `json:"copies"`
	Problems   []string                  `json:"problems"`
}

// The engine's rule for a volume name (a source Podlike reads as a named volume must be one).
var volumeName = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]+$`)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "env-file" {
		printEnvFiles(os.Args[2:])
		return
	}
	input, err := ioutil.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var stack dockerStack
	if err := yaml.Unmarshal(input, &stack); err != nil {
		fail(fmt.Errorf("reading docker's output: %v", err))
	}
	var raw rawStack
	if err := yaml.Unmarshal(input, &raw); err != nil {
		fail(fmt.Errorf("reading docker's output: %v", err))
	}
	views := map[string]*serviceView{}
	for name, service := range stack.Services {
		if isPod(service) {
			views[name] = readService(service)
			views[name].Controller.Service = jsonable(raw.Services[name])
		}
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	printed := map[string]interface{}{}
	for name, service := range raw.Services {
		printed[name] = jsonable(service)
	}
	if err := out.Encode(map[string]interface{}{"services": views, "printed": printed}); err != nil {
		fail(err)
	}
}

// printEnvFiles prints the variables Podlike's controller reads from env files (a component's
// env_file list), each name and value in hex: an env file's bytes need not be UTF-8.
func printEnvFiles(paths []string) {
	variables, err := component.VariablesFromEnvFiles(paths)
	if err != nil {
		fail(err)
	}
	hexed := map[string]string{}
	for key, value := range variables {
		hexed[hex.EncodeToString([]byte(key))] = hex.EncodeToString([]byte(value))
	}
	if err := json.NewEncoder(os.Stdout).Encode(hexed); err != nil {
		fail(err)
	}
}

// jsonable turns yaml.v2's map[interface{}]interface{} into maps JSON can hold.
func jsonable(value interface{}) interface{} {
	switch v := value.(type) {
	case map[interface{}]interface{}:
		result := map[string]interface{}{}
		for key, item := range v {
			result[fmt.Sprint(key)] = jsonable(item)
		}
		return result
	case []interface{}:
		result := make([]interface{}, len(v))
		for i, item := range v {
			result[i] = jsonable(item)
		}
		return result
	default:
		return v
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "podlike-gen-reader:", err)
	os.Exit(2)
}

func isPod(service dockerService) bool {
	if strings.HasPrefix(service.Image, "rycus86/podlike") {
		return true
	}
	for key := range service.Labels {
		if strings.HasPrefix(key, "pod.") {
			return true
		}
	}
	return false
}

func readService(service dockerService) *serviceView {
	view := &serviceView{Components: map[string]*componentView{}, Copies: map[string][]copyView{}, Problems: []string{}}
	configuration := readController(service, view)
	client := controller.OfflineClient(service.Labels)
	if inits, err := client.GetInitComponents(); err != nil {
		view.problem("pod.init.components: %v", err)
	} else {
		for _, c := range inits {
			view.Init = append(view.Init, readComponent(c, configuration, view))
		}
	}
	if components, err := client.GetComponents(); err != nil {
		blameComponentLabels(service.Labels, view)
	} else {
		if len(components) == 0 {
			view.problem("no components found: the controller panics")
		}
		for _, c := range components {
			view.Components[c.Name] = readComponent(c, configuration, view)
		}
	}
	readCopies(service.Labels, view)
	checkOtherLabels(service.Labels, view)
	checkDependencies(view)
	return view
}

func (v *serviceView) problem(format string, args ...interface{}) {
	v.Problems = append(v.Problems, fmt.Sprintf(format, args...))
}

// readController reads the controller's argv with master's flag set; defaults where it cannot.
func readController(service dockerService, view *serviceView) *config.Configuration {
	args := service.Command
	if len(service.Entrypoint) > 0 {
		if service.Entrypoint[0] != "/podlike" {
			view.problem("controller entrypoint %q: not the /podlike binary", service.Entrypoint)
		}
		args = append(append([]string{}, service.Entrypoint[1:]...), service.Command...)
	}
	if !isPublishedImage(service.Image) {
		view.problem("controller image %q: Podlike published no such image (its tags: latest, built from master, and 0.4.0, 0.5.0, 0.5.1)", service.Image)
	}
	configuration, err := flags.ParseArgs(args)
	if err != nil {
		view.problem("controller command %q: %v", args, err)
		configuration, _ = flags.ParseArgs(nil)
	}
	view.Controller = &controllerView{Image: service.Image, Args: args, Configuration: configuration}
	return configuration
}

// isPublishedImage: this reader reads as master (latest) does; older published tags are the author's choice.
func isPublishedImage(image string) bool {
	switch tag := strings.TrimPrefix(image, "rycus86/podlike"); tag {
	case "", ":latest", ":0.4.0", ":0.5.0", ":0.5.1":
		return true
	default:
		return strings.HasPrefix(tag, "@sha256:")
	}
}

// blameComponentLabels names each pod.component.* label Podlike refuses (GetComponents stops at the first, in map order).
func blameComponentLabels(labels map[string]string, view *serviceView) {
	for _, key := range sortedKeys(labels) {
		if !strings.HasPrefix(key, "pod.component.") {
			continue
		}
		if _, err := controller.OfflineClient(map[string]string{key: labels[key]}).GetComponents(); err != nil {
			view.problem("%s: %v", key, err)
		}
	}
}

func readComponent(c *component.Component, configuration *config.Configuration, view *serviceView) *componentView {
	containerConfig, hostConfig, envFiles, err := c.EngineConfigs(configuration)
	if err != nil {
		view.problem("component %s: %v", c.Name, err)
		return nil
	}
	result := &componentView{
		Image:       containerConfig.Image,
		Entrypoint:  containerConfig.Entrypoint,
		Command:     containerConfig.Cmd,
		WorkingDir:  containerConfig.WorkingDir,
		User:        containerConfig.User,
		StopSignal:  containerConfig.StopSignal,
		StopTimeout: containerConfig.StopTimeout,
		Environment: envMap(containerConfig.Env),
		EnvFiles:    envFiles,
		Labels:      containerConfig.Labels,
		Privileged:  hostConfig.Privileged,
		ReadOnly:    hostConfig.ReadonlyRootfs,
		Mounts:      []mountView{},
		Tmpfs:       hostConfig.Tmpfs,
		Sysctls:     hostConfig.Sysctls,
		CapAdd:      hostConfig.CapAdd,
		CapDrop:     hostConfig.CapDrop,
		Healthcheck: healthcheckOf(containerConfig.Healthcheck),
		Resources:   resourcesOf(hostConfig.Resources),
	}
	if result.Labels == nil {
		result.Labels = map[string]string{}
	}
	if hostConfig.LogConfig.Type != "" || len(hostConfig.LogConfig.Config) > 0 {
		result.Logging = &hostConfig.LogConfig
	}
	for _, m := range hostConfig.Mounts {
		result.Mounts = append(result.Mounts, mountView{Type: string(m.Type), Source: m.Source, Target: m.Target, ReadOnly: m.ReadOnly})
		if m.Type == "volume" && m.Source != "" && !volumeName.MatchString(m.Source) {
			view.problem("component %s: volume source %q is read as a named volume (Podlike takes a source not starting with / as a volume name), and the engine refuses that name", c.Name, m.Source)
		}
	}
	dependencies, err := c.GetDependencies()
	if err != nil {
		view.problem("component %s: depends_on: %v", c.Name, err)
	}
	for _, d := range dependencies {
		result.DependsOn = append(result.DependsOn, dependencyView{Name: d.Name, Healthy: d.NeedsHealthyState})
	}
	return result
}

// envMap undoes mergeEnvVariables' KEY=VALUE list.
func envMap(env []string) map[string]string {
	result := map[string]string{}
	for _, item := range env {
		parts := strings.SplitN(item, "=", 2)
		result[parts[0]] = parts[1]
	}
	return result
}

func healthcheckOf(h *container.HealthConfig) *healthcheckView {
	if h == nil {
		return nil
	}
	return &healthcheckView{Test: h.Test, Interval: durationText(h.Interval), Timeout: durationText(h.Timeout), StartPeriod: durationText(h.StartPeriod), Retries: h.Retries}
}

func durationText(d time.Duration) string {
	if d == 0 {
		return ""
	}
	return d.String()
}

// resourcesOf keeps the resource settings a component sets (cgroup parent is the controller's).
func resourcesOf(resources container.Resources) map[string]interface{} {
	resources.CgroupParent = ""
	raw, _ := json.Marshal(resources)
	var all map[string]interface{}
	_ = json.Unmarshal(raw, &all)
	set := map[string]interface{}{}
	for key, value := range all {
		if value != nil && value != float64(0) && value != "" && value != false {
			if list, isList := value.([]interface{}); isList && len(list) == 0 {
				continue
			}
			set[key] = value
		}
	}
	if len(set) == 0 {
		return nil
	}
	return set
}

func readCopies(labels map[string]string, view *serviceView) {
	for _, key := range sortedKeys(labels) {
		if !strings.HasPrefix(key, "pod.copy.") {
			continue
		}
		target := strings.TrimPrefix(key, "pod.copy.")
		configs, err := component.ParseCopyConfig(labels[key])
		if err != nil {
			view.problem("%s: %v", key, err)
			continue
		}
		if !view.hasComponent(target) {
			view.problem("%s: no component %q in this pod, so Podlike never copies these files", key, target)
		}
		for _, c := range configs {
			view.Copies[target] = append(view.Copies[target], copyView{Source: c.Source, Target: c.Target})
		}
	}
}

func (v *serviceView) hasComponent(name string) bool {
	if _, ok := v.Components[name]; ok {
		return true
	}
	for i := range v.Init {
		if name == fmt.Sprintf("init-%d", i+1) {
			return true
		}
	}
	return false
}

// checkOtherLabels names pod.* labels the controller never reads, and the compose-file label it would read instead.
func checkOtherLabels(labels map[string]string, view *serviceView) {
	for _, key := range sortedKeys(labels) {
		switch {
		case strings.HasPrefix(key, "pod.component."), strings.HasPrefix(key, "pod.copy."), key == "pod.init.components":
		case key == "pod.compose.file":
			view.problem("%s: Podlike reads the components from a file on the controller's filesystem", key)
		case strings.HasPrefix(key, "pod."):
			view.problem("%s: Podlike never reads this label", key)
		}
	}
}

// checkDependencies names a depends_on that no component answers: Podlike waits for it forever.
func checkDependencies(view *serviceView) {
	for _, name := range sortedComponentNames(view.Components) {
		c := view.Components[name]
		if c == nil {
			continue
		}
		for _, d := range c.DependsOn {
			if _, ok := view.Components[d.Name]; !ok {
				view.problem("component %s: depends_on %q names no component of this pod: Podlike waits for it forever", name, d.Name)
			}
		}
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

func sortedComponentNames(m map[string]*componentView) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
