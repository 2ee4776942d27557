using System.CommandLine;

namespace MinLGan.Cli;

/// <summary><c>minlgan detectors</c>: each detector's parameters, defaults and allowed ranges.</summary>
internal static class DetectorsCommand
{
    public static Command Create(ConsoleIo io)
    {
        var cmd = new Command("detectors", "list the detectors and their --param names, defaults and allowed ranges");
        cmd.SetAction(parse => io.Guard(parse, _ =>
        {
            foreach (var d in CliApp.Registry().All)
            {
                io.Out.WriteLine($"{d.Name}: {d.Summary}");
                foreach (var p in d.Parameters)
                    io.Out.WriteLine($"  {p.Name,-16} default {p.Default,-8} allowed {p.Range,-16} {p.Description}");
            }
            return 0;
        }));
        return cmd;
    }
}
