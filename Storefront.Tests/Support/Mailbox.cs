using MimeKit;
using Storefront.Web.Email;

namespace Storefront.Tests.Support;

/// <summary>The mails a test app wrote to its pickup folder, read back as the /dev/mail page does.</summary>
public sealed class Mailbox(string path)
{
    private readonly DevMailbox mailbox = new(new MailPickupDirectory(path));

    public async Task<IReadOnlyList<MimeMessage>> ToAsync(string address)
    {
        var messages = new List<MimeMessage>();
        foreach (var id in mailbox.Ids())
        {
            if (await mailbox.ReadAsync(id) is { } message
                && message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>The newest mail to <paramref name="address"/> whose subject contains <paramref name="subject"/>, waiting briefly for it.</summary>
    public async Task<MimeMessage> LatestAsync(string address, string subject)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await ToAsync(address)).FirstOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase)) is { } message)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No mail \"{subject}\" to {address} in {path}.");
    }

    /// <summary>The one link in a mail's HTML body that contains <paramref name="pathPart"/>, as a path and query.</summary>
    public static string Link(MimeMessage message, string pathPart)
    {
        var link = Assert.Single(DevMailbox.Links(message), l => l.Contains(pathPart, StringComparison.OrdinalIgnoreCase));
        return new Uri(link).PathAndQuery;
    }
}
