using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Frikommune.Edge.Tests.Support;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Web;

/// <summary>Bad bodies and ids from a logged-in client: 400 or 413 with a reason, never 500, nothing recorded.</summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    readonly TestSite _site = new();
    InProcessGateway _gateway = null!;
    HttpClient _anna = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartAsync(_site, simulate: true);
        _gateway.Service<UserStore>().AddOrReplace("anna", Roles.Staff, "staff-password");
        _anna = _gateway.Client("anna", "staff-password");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _site.Dispose();
    }

    public static TheoryData<string, byte[]> BadBodies => new()
    {
        { "/api/checkins", [0x7b, 0x22, 0x72, 0x6f, 0x6f, 0x6d, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d] }, // {"room":"\xff\xfe"}
        { "/api/checkins", Encoding.UTF8.GetBytes("""{"room":5}""") },
        { "/api/checkins", Encoding.UTF8.GetBytes("""{"room":"room-12","reason":["a"]}""") },
        { "/api/checkins", Encoding.UTF8.GetBytes("[1,2]") },
        { "/api/checkins", Encoding.UTF8.GetBytes("{") },
        { "/api/checkins", Encoding.UTF8.GetBytes("""{"room":"room-12","reason":"line\r\nforged"}""") },
        { "/api/checkins", Encoding.UTF8.GetBytes($$"""{"room":"room-12","reason":"{{new string('x', 201)}}"}""") },
        { "/api/checkins", Encoding.UTF8.GetBytes($$"""{"room":"{{new string('r', 65)}}"}""") },
        { "/api/doors/door-west/release", Encoding.UTF8.GetBytes("""{"seconds":"10"}""") },
        { "/api/doors/door-west/release", Encoding.UTF8.GetBytes("""{"seconds":1.5}""") },
        { "/api/doors/door-west/release", Encoding.UTF8.GetBytes("""{"seconds":99999999999}""") },
        { "/api/doors/door-west/release", [0xc3, 0x28] },
        { "/api/residents/resident-7f3a/objection", Encoding.UTF8.GetBytes("""{"objects":"yes"}""") },
        { "/api/residents/resident-7f3a/objection", [0xed, 0xa0, 0x80] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_is_400_with_a_reason(string path, byte[] body)
    {
        var response = await _anna.PostAsync(path, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reason", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reason_of_exactly_200_characters_is_judged_by_the_gate()
    {
        var response = await _anna.PostAsync("/api/checkins", new StringContent($$"""{"room":"room-12","reason":"{{new string('x', 200)}}"}"""));
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_body_is_413_with_or_without_a_length(bool chunked)
    {
        var content = new StringContent($$"""{"room":"room-12","reason":"{{new string('x', 200_000)}}"}""");
        if (chunked) content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkins") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        var response = await _anna.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _anna.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task An_over_long_or_odd_id_in_the_path_is_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _anna.PostAsync("/api/alarms/" + new string('a', 300) + "/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _anna.PostAsync("/api/residents/%0d%0aevil/objection", new StringContent("""{"objects":true}"""))).StatusCode);
    }
}
