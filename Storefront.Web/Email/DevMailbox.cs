using System.Text.RegularExpressions;
using MimeKit;

namespace Storefront.Web.Email;

/// <summary>Reads back what the pickup transport wrote, newest first (the development mail page and tests).</summary>
public sealed partial class DevMailbox(MailPickupDirectory directory)
{
    public string Path => directory.Path;

    public IReadOnlyList<string> Ids() =>
        Directory.Exists(directory.Path)
            ? Directory.GetFiles(directory.Path, "*.eml").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)!).OrderDescending().ToList()
            : [];

    /// <summary>The message with this id, or null for an unknown (or malformed, e.g. "../x") id.</summary>
    public async Task<MimeMessage?> ReadAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = System.IO.Path.Combine(directory.Path, id + ".eml");
        return IdPattern().IsMatch(id) && File.Exists(path) ? await MimeMessage.LoadAsync(path, cancellationToken) : null;
    }

    /// <summary>Links in the HTML body (decoded), so a developer can follow a confirmation or reset link.</summary>
    public static IReadOnlyList<string> Links(MimeMessage message) =>
        Href().Matches(message.HtmlBody ?? "").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("^[0-9A-Za-z-]{1,80}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("href=['\"]([^'\"]+)['\"]", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
