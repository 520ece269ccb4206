using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Data.Migrations
{
    /// <inheritdoc />
    public partial class CheckoutAddressAndUpdateLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ShippingCountry",
                table: "Checkouts",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShippingPostalCode",
                table: "Checkouts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShippingState",
                table: "Checkouts",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdateLeaseUntil",
                table: "Checkouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripeTaxRateId",
                table: "CheckoutLines",
                type: "TEXT",
                maxLength: 255,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShippingCountry",
                table: "Checkouts");

            migrationBuilder.DropColumn(
                name: "ShippingPostalCode",
                table: "Checkouts");

            migrationBuilder.DropColumn(
                name: "ShippingState",
                table: "Checkouts");

            migrationBuilder.DropColumn(
                name: "UpdateLeaseUntil",
                table: "Checkouts");

            migrationBuilder.DropColumn(
                name: "StripeTaxRateId",
                table: "CheckoutLines");
        }
    }
}
