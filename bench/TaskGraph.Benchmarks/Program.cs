using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(TaskGraph.Benchmarks.CursorCodecBenchmarks).Assembly).Run(args);
