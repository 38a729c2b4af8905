using System.Globalization;
using System.Text;

namespace Frikommune.Edge.Paging.Espa;

/// <summary>
/// Display text in the paging system's character set. ESPA 4.4.4 § 2.2 uses IA5 (ISO 646) with its national
/// variants; the Danish/Norwegian one (ISO 646-DK/NO) puts Æ Ø Å æ ø å where ASCII has [ \ ] { | }.
/// Other letters lose their accents; anything else becomes '?', and control characters never reach the line.
/// </summary>
public static class EspaText
{
    static readonly Dictionary<char, char> Danish = new()
    {
        ['Æ'] = '[', ['Ø'] = '\\', ['Å'] = ']', ['æ'] = '{', ['ø'] = '|', ['å'] = '}',
    };

    public static string ToIa5Danish(string text, int maxLength)
    {
        var result = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (result.Length == maxLength) break;
            if (Danish.TryGetValue(c, out var mapped)) result.Append(mapped);
            else if (c is '[' or '\\' or ']' or '{' or '|' or '}') result.Append(c switch { '[' or '{' => '(', ']' or '}' => ')', _ => '/' });
            else if (c is >= ' ' and <= '~') result.Append(c);
            else if (c is '–' or '—' or '‐') result.Append('-');
            else if (char.IsWhiteSpace(c)) result.Append(' ');
            else result.Append(Fold(c));
        }
        return result.ToString();
    }

    /// <summary>What a handset shows for IA5-DK text: the inverse of <see cref="ToIa5Danish"/> for the six letters.</summary>
    public static string FromIa5Danish(string ia5) => string.Concat(ia5.Select(c => Danish.FirstOrDefault(p => p.Value == c) is { Key: not '\0' } p ? p.Key : c));

    static char Fold(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark && d is >= ' ' and <= '~') return d;
        return c switch { 'ß' => 's', 'Ð' => 'D', 'ð' => 'd', _ => '?' };
    }
}
