using System.ComponentModel.DataAnnotations;

namespace Storefront.Web.Infrastructure;

/// <summary>Bound from "Shop".</summary>
public sealed class ShopOptions
{
    public const string SectionName = "Shop";

    [Required]
    public string Name { get; set; } = "Storefront";

    /// <summary>The currency the catalog is sold in (lower-case ISO code).</summary>
    [Required]
    [RegularExpression("^[a-z]{3}$", ErrorMessage = "Shop:Currency is a lower-case three-letter ISO code.")]
    public string Currency { get; set; } = "usd";
}
