using CsCheck;
using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Frikommune.Edge.Tests.Output;

/// <summary>A value from outside cannot forge a log line, and cannot flood the log.</summary>
public sealed class LogEscapingPropertyTests
{
    sealed class RenderingSink : ILogEventSink
    {
        readonly MessageTemplateTextFormatter _format = new(GatewayLogging.Template, System.Globalization.CultureInfo.InvariantCulture);
        public readonly List<string> Lines = [];
        public void Emit(LogEvent logEvent)
        {
            var text = new StringWriter();
            _format.Format(logEvent, text);
            Lines.Add(text.ToString());
        }
    }

    static (Logger Logger, RenderingSink Sink) Logger(LogRepeatLimit? repeats = null)
    {
        var sink = new RenderingSink();
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.With<LogEscaping>();
        repeats ??= new LogRepeatLimit(new FakeTimeProvider(), perWindow: int.MaxValue);
        configuration.Filter.With(repeats).Enrich.With(repeats);
        return (configuration.WriteTo.Sink(sink).CreateLogger(), sink);
    }

    [Fact]
    public void Any_login_name_or_topic_gives_exactly_one_line_without_control_characters()
    {
        var (logger, sink) = Logger();
        Gen.OneOf(Gen.String, Gen.Char["\r\n\t\u001b\u0000\u0085\u2028a[]: "].Array[0, 20].Select(c => new string(c))).Sample(value =>
        {
            sink.Lines.Clear();
            logger.Warning("Failed {Via} login for user {User} from {Remote}", "basic", value, new[] { value, "x" });
            var line = Assert.Single(sink.Lines);
            Assert.EndsWith(Environment.NewLine, line);
            Assert.DoesNotContain(line[..^Environment.NewLine.Length], char.IsControl);
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void A_forged_line_appears_escaped_inside_the_real_one()
    {
        var (logger, sink) = Logger();
        logger.Warning("Failed login for user {User}", "anna\r\n2026-11-30T21:00:00.000Z [INF] Frikommune.Edge: door released");
        Assert.Contains("anna\\u000d\\u000a2026-11-30", Assert.Single(sink.Lines));
    }

    [Fact]
    public void A_repeated_line_is_let_through_thirty_times_a_minute_and_the_next_says_how_many_were_left_out()
    {
        var time = new FakeTimeProvider();
        var (logger, sink) = Logger(new LogRepeatLimit(time));
        for (var i = 0; i < 1000; i++) logger.Warning("Dropped a message on {Topic}", "t/" + i);
        logger.Information("Something else");
        Assert.Equal(LogRepeatLimit.PerWindow + 1, sink.Lines.Count);
        time.Advance(LogRepeatLimit.Window);
        logger.Warning("Dropped a message on {Topic}", "later");
        Assert.Contains($"({1000 - LogRepeatLimit.PerWindow} similar lines left out)", sink.Lines[^1]);
        logger.Fatal("always");
        Assert.Contains("always", sink.Lines[^1]);
    }
}
