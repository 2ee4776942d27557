using System.Net;
using System.Text;

namespace MinLGan.Cli;

/// <summary>
/// A report of tables and figures, written twice: report.md (images as files beside it) and one self-contained
/// report.html (images embedded as data: URIs, styles inline, no script and no network).
/// </summary>
internal sealed class ReportDocument(string title)
{
    /// <summary>A section: a heading, paragraphs, at most one table, and images (file names relative to the report's folder).</summary>
    internal sealed class Section(string heading)
    {
        public string Heading { get; } = heading;
        public List<string> Paragraphs { get; } = [];
        public string[]? TableHeader { get; set; }
        public List<string[]> TableRows { get; } = [];
        public List<(string File, string Caption)> Images { get; } = [];
    }

    /// <summary>The run header: what made the report (label, value).</summary>
    public List<(string Label, string Value)> Header { get; } = [];

    public List<Section> Sections { get; } = [];

    public Section Add(string heading)
    {
        var s = new Section(heading);
        Sections.Add(s);
        return s;
    }

    /// <summary>Writes report.md and report.html into <paramref name="folder"/> (atomically; replaced when present).</summary>
    public void Write(string folder)
    {
        AtomicFile.WriteText(Path.Combine(folder, "report.md"), w => w.Write(Markdown()), overwrite: true);
        AtomicFile.WriteText(Path.Combine(folder, "report.html"), w => w.Write(Html(folder)), overwrite: true);
    }

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(title).Append("\n\n");
        foreach (var (label, value) in Header) sb.Append("- **").Append(label).Append("**: ").Append(value).Append('\n');
        foreach (var s in Sections) sb.Append('\n').Append(Markdown(s, "##"));
        return sb.ToString();
    }

    /// <summary>One section as Markdown under a heading of the given level ("#" for a file of its own).</summary>
    public static string Markdown(Section s, string level)
    {
        var sb = new StringBuilder();
        {
            sb.Append(level).Append(' ').Append(s.Heading).Append("\n\n");
            foreach (var p in s.Paragraphs) sb.Append(p).Append("\n\n");
            if (s.TableHeader is { } head)
            {
                sb.Append("| ").Append(string.Join(" | ", head.Select(Cell))).Append(" |\n");
                sb.Append('|').Append(string.Concat(head.Select(_ => " --- |"))).Append('\n');
                foreach (var row in s.TableRows) sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
                sb.Append('\n');
            }
            foreach (var (file, caption) in s.Images) sb.Append("![").Append(caption).Append("](").Append(file.Replace('\\', '/')).Append(")\n\n");
        }
        return sb.ToString();

        static string Cell(string text) => text.Replace("|", "\\|");
    }

    /// <summary>The HTML page, every image read from <paramref name="folder"/> and embedded; a missing image is named in its place.</summary>
    public string Html(string folder)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
          .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}")
          .Append("th{background:#eee}td:first-child,th:first-child{text-align:left}")
          .Append("figure{display:inline-block;margin:0.5em;vertical-align:top}figcaption{font-size:13px;color:#555;max-width:640px}")
          .Append("img{max-width:100%;border:1px solid #ddd}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}dd{margin:0}")
          .Append("</style></head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n<dl class=\"run-header\">\n");
        foreach (var (label, value) in Header) sb.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        sb.Append("</dl>\n");
        foreach (var s in Sections)
        {
            sb.Append("<section>\n<h2>").Append(E(s.Heading)).Append("</h2>\n");
            foreach (var p in s.Paragraphs) sb.Append("<p>").Append(E(p)).Append("</p>\n");
            if (s.TableHeader is { } head)
            {
                sb.Append("<table>\n<tr>").Append(string.Concat(head.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
                foreach (var row in s.TableRows) sb.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(c)}</td>"))).Append("</tr>\n");
                sb.Append("</table>\n");
            }
            foreach (var (file, caption) in s.Images)
            {
                string path = Path.Combine(folder, file);
                sb.Append("<figure>");
                if (File.Exists(path))
                    sb.Append("<img alt=\"").Append(E(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(path))).Append("\">");
                else
                    sb.Append("<p>(missing: ").Append(E(file)).Append(")</p>");
                sb.Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("</body></html>\n");
        return sb.ToString();

        static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
