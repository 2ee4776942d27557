using System.CommandLine;
using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary><c>minlgan datasets</c>: the protocols and where their files were found.</summary>
internal static class DatasetsCommand
{
    public static Command Create(ConsoleIo io)
    {
        var data = CommonOptions.Data();
        var cmd = new Command("datasets", "list the protocols and where their data files were found") { data };
        cmd.SetAction(parse => io.Guard(parse, _ =>
        {
            var loc = DataLocator.Resolve(parse.GetValue(data));
            io.Out.WriteLine($"data folder: {loc.Root ?? "(none)"} [{loc.How}]");
            io.Out.WriteLine();
            foreach (var p in Protocols.All)
            {
                io.Out.WriteLine($"{p.Name,-8} {p.Summary}");
                foreach (var f in p.Locate(loc))
                    io.Out.WriteLine($"{"",-8}   {f.Description}: {f.Path ?? "MISSING"}");
            }
            return 0;
        }));
        return cmd;
    }
}
