using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Storefront.Web.Email;

namespace Storefront.Web.Pages.Dev;

/// <summary>
/// Development only: the mails the shop "sent" to the pickup folder, so account flows can be followed without a
/// mail server. Any other environment (or an SMTP setup) answers 404.
/// </summary>
public sealed class MailModel(IWebHostEnvironment environment, IServiceProvider services) : PageModel
{
    public IReadOnlyList<(string Id, MimeMessage Message)> Messages { get; private set; } = [];

    public MimeMessage? Selected { get; private set; }

    public IReadOnlyList<string> SelectedLinks { get; private set; } = [];

    public string Folder { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || services.GetService<MailPickupDirectory>() is not { } directory)
        {
            return NotFound();
        }

        var mailbox = new DevMailbox(directory);
        Folder = mailbox.Path;
        if (id is not null)
        {
            Selected = await mailbox.ReadAsync(id, cancellationToken);
            if (Selected is null)
            {
                return NotFound();
            }

            SelectedLinks = DevMailbox.Links(Selected);
            return Page();
        }

        var messages = new List<(string, MimeMessage)>();
        foreach (var messageId in mailbox.Ids().Take(100))
        {
            if (await mailbox.ReadAsync(messageId, cancellationToken) is { } message)
            {
                messages.Add((messageId, message));
            }
        }

        Messages = messages;
        return Page();
    }
}
