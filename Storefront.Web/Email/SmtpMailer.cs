using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Email;

/// <summary>Sends over SMTP with MailKit: one connection per message (account mails are rare and small).</summary>
public sealed partial class SmtpMailer(IOptions<EmailOptions> options, TimeProvider clock, ILogger<SmtpMailer> logger) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var message = MimeMail.Build(settings, mail, clock.GetUtcNow());
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, mail.Subject, settings.Host!);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent \"{Subject}\" via {Host}")]
    private static partial void LogSent(ILogger logger, string subject, string host);
}
