using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storefront.Web.Admin;

/// <summary>Before/after images for <see cref="Storefront.Data.Audit.AuditEntry"/>: compact JSON of a flat DTO.</summary>
public static class AuditSnapshot
{
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    public static string? Of(object? dto) => dto is null ? null : JsonSerializer.Serialize(dto, dto.GetType(), Compact);

    /// <summary>Indented for reading; text that is not JSON is returned as it is.</summary>
    public static string Pretty(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
