using System.Globalization;
using System.Text;

namespace Frikommune.Edge.Audit;

/// <summary>
/// One CSV cell that is safe in the municipality's spreadsheet (OWASP CSV injection): control characters are
/// written as <c>\uXXXX</c>, a cell beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading
/// <c>'</c> so it is never read as a formula, and the cell is quoted as RFC 4180 asks.
/// </summary>
public static class CsvCell
{
    static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Safe(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var text = EscapeControls(field);
        if (FormulaStarts.Contains(field[0])) text = "'" + text;
        return text.IndexOfAny([',', '"', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    /// <summary>Every C0/C1 control character, DEL and U+2028/2029 as <c>\uXXXX</c>, so no reader sees a line break or terminal control that was not written by us.</summary>
    public static string EscapeControls(string text)
    {
        if (!text.Any(IsBreaking)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsBreaking(c)) escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Controls, and the Unicode line and paragraph separators some viewers break lines at.</summary>
    static bool IsBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
