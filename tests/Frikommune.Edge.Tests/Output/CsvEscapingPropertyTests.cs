using CsCheck;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Tests.Output;

/// <summary>Whatever reaches the audit trail, the CSV the municipality opens holds no formula and no stray line.</summary>
public sealed class CsvEscapingPropertyTests
{
    static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.String,
        Gen.Char["=+-@\t\r\n\"',;\u0000\u001b\u007f\u0085a1 "].Array[0, 12].Select(c => new string(c)),
        Gen.Select(Gen.Char["=+-@\t\r"], Gen.String, (c, s) => c + s));

    [Fact]
    public void A_cell_never_begins_a_formula_nor_holds_a_control_character() =>
        Hostile.Sample(field =>
        {
            var cell = CsvCell.Safe(field);
            Assert.DoesNotContain(cell, char.IsControl);
            var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"") : cell;
            Assert.False(unquoted.Length > 0 && "=+-@\t\r".Contains(unquoted[0]), $"cell {cell} starts a formula");
            Assert.True(cell.StartsWith('"') || !cell.Contains(',') && !cell.Contains('"'), $"cell {cell} must be quoted");
        }, iter: 5000);

    [Fact]
    public void Nothing_is_lost_the_cell_reads_back_as_the_escaped_field() =>
        Hostile.Sample(field =>
        {
            var cell = CsvCell.Safe(field);
            var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"") : cell;
            if (field.Length > 0 && "=+-@\t\r".Contains(field[0])) unquoted = unquoted[1..];
            Assert.Equal(CsvCell.EscapeControls(field), unquoted);
        }, iter: 5000);

    [Fact]
    public void An_export_of_hostile_records_has_one_line_per_record_and_twelve_fields_each()
    {
        var records = Enumerable.Range(1, 50).Select(i => new AuditRecord(i, DateTimeOffset.UnixEpoch.AddDays(i),
            new AuditEntry("checkin-requested", i % 2 == 0 ? "=HYPERLINK(\"http://evil\")" : "staff:anna\r\nforged,line")
            {
                Details = new Dictionary<string, string?> { ["reason"] = "@SUM(1+1)\u001b[2J\n" },
            }, new byte[32], new byte[32])).ToList();
        var csv = new StringWriter();
        AuditExport.WriteCsv(records, csv);
        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.All(lines.Skip(1), line =>
        {
            Assert.DoesNotContain(line, c => char.IsControl(c));
            Assert.DoesNotContain(",=", line);
            Assert.DoesNotContain(",\"=", line);
        });
    }
}
