namespace Storefront.Web.Email;

/// <summary>One message the shop sends; the HTML body is already encoded by whoever wrote it.</summary>
public sealed record OutgoingMail(string To, string Subject, string HtmlBody);

/// <summary>Sends the shop's mail, whatever the transport (SMTP or the development pickup folder).</summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
