// Command enterprise-logs runs Grafana Enterprise Logs: Loki, plus the enterprise modules
// (admin API, gateway, label-based access control), in one binary whose -target picks the
// components.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/go-kit/log/level"
	"github.com/grafana/loki/pkg/util"
	"github.com/grafana/loki/pkg/util/cfg"
	util_log "github.com/grafana/loki/pkg/util/log"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/version"

	gel "github.com/grafana/enterprise-logs/pkg/enterprise/loki/init"
)

// The build's version, as a metric (enterprise_logs_build_info).
func init() {
	prometheus.MustRegister(version.NewCollector("enterprise_logs"))
}

// Config is the whole configuration: the file given with -config.file, the flags on top.
type Config struct {
	gel.Config      `yaml:",inline"`
	printVersion    bool
	verifyConfig    bool
	printConfig     bool
	logConfig       bool
	configFile      string
	configExpandEnv bool
}

func (c *Config) RegisterFlags(f *flag.FlagSet) {
	f.BoolVar(&c.printVersion, "version", false, "Print this build's version information")
	f.BoolVar(&c.verifyConfig, "verify-config", false, "Verify config file and exits")
	f.BoolVar(&c.printConfig, "print-config-stderr", false, "Dump the entire configuration to stderr")
	f.BoolVar(&c.logConfig, "log-config-reverse-order", false, "Dump the entire configuration to the log at Info level")
	c.Config.RegisterFlags(f)
}

func main() {
	var config Config
	if err := cfg.DynamicUnmarshal(&config, os.Args[1:], flag.CommandLine); err != nil {
		fmt.Fprintf(os.Stderr, "failed parsing config: %v\n", err)
		os.Exit(1)
	}
	if config.printVersion {
		fmt.Println(version.Print("enterprise-logs"))
		os.Exit(0)
	}

	// The log level and format come from the server configuration.
	util_log.InitLogger(&config.Server, prometheus.DefaultRegisterer, config.UseBufferedLogger, config.UseSyncLogger)

	// Validate the configuration before anything starts: a bad value must stop the process
	// here, with a message, not later in a module.
	if err := config.Validate(); err != nil {
		level.Error(util_log.Logger).Log("msg", "validating config", "err", err.Error())
		os.Exit(1)
	}
	if config.verifyConfig {
		level.Info(util_log.Logger).Log("msg", "config is valid")
		os.Exit(0)
	}

	// Print the effective configuration (file, flags and defaults merged) for debugging; the
	// secrets in it are printed too, so this goes to stderr only, never to the log.
	if config.printConfig {
		if err := util.PrintConfig(os.Stderr, &config); err != nil {
			level.Error(util_log.Logger).Log("msg", "failed to print config to stderr", "err", err.Error())
			os.Exit(1)
		}
		os.Exit(0)
	}

	// Log the effective configuration, in reverse order so that it reads top-down in log
	// viewers that show the newest line first. Unlike -print-config-stderr the process
	// goes on running.
	if config.logConfig {
		if err := util.LogConfig(&config); err != nil {
			level.Error(util_log.Logger).Log("msg", "failed to log config object", "err", err.Error())
		}
	}

	if config.Tracing.Enabled {
		// Set up tracing for the whole process; the closer flushes the spans on exit.
		closer, err := util.InitTracing(config.Target.String())
		if err != nil {
			level.Error(util_log.Logger).Log("msg", "error in initializing tracing. tracing will not be enabled", "err", err)
		}
		defer func() {
			if closer != nil {
				if err := closer.Close(); err != nil {
					level.Error(util_log.Logger).Log("msg", "error closing tracing", "err", err)
				}
			}
		}()
	}

	// The ballast keeps the heap large enough that the collector does not run on every few
	// megabytes of allocation (the push and query paths allocate a lot).
	ballast := make([]byte, config.BallastBytes)
	defer runtime.KeepAlive(ballast)

	// Start Enterprise Logs: the Loki modules, and the enterprise modules registered on top.
	level.Debug(util_log.Logger).Log("msg", "ballast allocated", "bytes", len(ballast))
	g, err := gel.New(config.Config)
	util_log.CheckFatal("initialising enterprise logs", err, util_log.Logger)

	// Run blocks until a module fails or the process is told to stop.
	level.Info(util_log.Logger).Log("msg", "Starting Enterprise Logs", "version", version.Info())

	err = g.Run()
	util_log.CheckFatal("running enterprise logs", err, util_log.Logger)
}
