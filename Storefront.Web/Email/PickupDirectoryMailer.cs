using Microsoft.Extensions.Options;

namespace Storefront.Web.Email;

/// <summary>
/// Development transport: each message is written as an .eml file (open it in any mail client, or on /dev/mail).
/// Nothing leaves the machine.
/// </summary>
public sealed partial class PickupDirectoryMailer(IOptions<EmailOptions> options, MailPickupDirectory directory, TimeProvider clock, ILogger<PickupDirectoryMailer> logger) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var message = MimeMail.Build(options.Value, mail, now);
        Directory.CreateDirectory(directory.Path);
        // Sortable by time, unique without coordination between requests.
        var path = Path.Combine(directory.Path, $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
        LogWritten(logger, mail.Subject, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail \"{Subject}\" written to {Path}")]
    private static partial void LogWritten(ILogger logger, string subject, string path);
}

/// <summary>Where the pickup transport writes, resolved once against the content root.</summary>
public sealed record MailPickupDirectory(string Path);
