using MailKit.Security;

namespace Storefront.Web.Email;

/// <summary>
/// Bound from "Email". With <see cref="Host"/> set, mail goes out over SMTP; without it, Development (or any
/// environment given a <see cref="PickupDirectory"/>) writes each message as an .eml file instead. Other
/// environments with neither refuse to start: a shop that silently drops confirmation mails locks customers out.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>MailKit's choice of TLS: Auto, StartTls, StartTlsWhenAvailable, SslOnConnect or None.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Sender, as "Name &lt;address&gt;" or a bare address.</summary>
    public string From { get; set; } = "Storefront <no-reply@storefront.local>";

    /// <summary>Folder for .eml files when no SMTP host is set; relative paths are under the content root.</summary>
    public string? PickupDirectory { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}
