using System.Text.Json;
using System.Text.Unicode;

namespace Frikommune.Edge.Web;

/// <summary>
/// Reads a request body that must be a JSON object: at most <see cref="MaxBytes"/> (413 beyond), valid UTF-8 and
/// valid JSON (400 otherwise). An endpoint then checks each field's type itself and answers 400 for a wrong one.
/// </summary>
static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public sealed record Read(JsonElement? Body, IResult? Problem)
    {
        public bool Empty => Body is null && Problem is null;
    }

    public static async Task<Read> ReadObjectAsync(HttpRequest request, bool allowEmpty = false)
    {
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int n;
        while (length < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            length += n;
        if (length > MaxBytes) return new Read(null, Refuse(StatusCodes.Status413PayloadTooLarge, "body-too-large"));
        var bytes = buffer.AsSpan(0, length);
        if (allowEmpty && bytes.Trim(" \t\r\n"u8).IsEmpty) return new Read(null, null);
        if (!Utf8.IsValid(bytes)) return new Read(null, Refuse(StatusCodes.Status400BadRequest, "malformed: not UTF-8"));
        try
        {
            using var doc = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? new Read(doc.RootElement.Clone(), null)
                : new Read(null, Refuse(StatusCodes.Status400BadRequest, "malformed: the body must be a JSON object"));
        }
        catch (JsonException) { return new Read(null, Refuse(StatusCodes.Status400BadRequest, "malformed: not JSON")); }
    }

    public static IResult Refuse(int status, string? reason) => Results.Json(new Wire.Refusal(reason), Wire.WireJson.Compact.Refusal, statusCode: status);

    /// <summary>The field as a string; <paramref name="wrongType"/> when present with another type.</summary>
    public static string? Text(JsonElement body, string name, out bool wrongType)
    {
        wrongType = false;
        if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        wrongType = true;
        return null;
    }
}
