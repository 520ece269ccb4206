using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Storefront.Tests.Support;

/// <summary>What a browser does with a page and its forms, shared by the test clients that post them.</summary>
public static class BrowserForm
{
    /// <summary>
    /// The form's successful controls (inputs incl. hidden antiforgery token, checked radios and boxes, selects,
    /// textareas) with <paramref name="fields"/> replacing or adding values.
    /// </summary>
    public static FormUrlEncodedContent Content(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && (input.Type is not ("radio" or "checkbox") || input.IsChecked)
                                                  && input.Type is not ("submit" or "button"):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    if (option is not null)
                    {
                        values.Add(new(select.Name!, option.Value));
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
            }
        }

        foreach (var (key, value) in fields)
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }

        return new FormUrlEncodedContent(values);
    }

    /// <summary>The form's action resolved against its page (a bare "/cart?handler=x" would parse as a file path on Linux).</summary>
    public static string Action(IHtmlFormElement form) =>
        new Uri(new Uri(form.BaseUri), form.GetAttribute("action") ?? "").PathAndQuery;

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var address = response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/";
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html).Address(address));
    }
}
