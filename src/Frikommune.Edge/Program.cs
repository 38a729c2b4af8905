return await Frikommune.Edge.Cli.CommandLine.RunAsync(args);
