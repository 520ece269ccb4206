using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace Storefront.Web.Email;

/// <summary>Builds the MIME message every transport sends: HTML plus a plain-text alternative.</summary>
public static partial class MimeMail
{
    public static MimeMessage Build(EmailOptions options, OutgoingMail mail, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Date = now;
        var body = new BodyBuilder { HtmlBody = mail.HtmlBody, TextBody = PlainText(mail.HtmlBody) };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Tags dropped, links kept as "text (url)", entities decoded: readable in any mail client.</summary>
    public static string PlainText(string html)
    {
        var withLinks = Link().Replace(html, m => $"{m.Groups["text"].Value} ({m.Groups["href"].Value})");
        return WebUtility.HtmlDecode(Tag().Replace(withLinks, "")).Trim();
    }

    [GeneratedRegex("<a\\s[^>]*href=['\"](?<href>[^'\"]*)['\"][^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
