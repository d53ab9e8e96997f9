using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskGraph.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTaskReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "task_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    task_id = table.Column<int>(type: "INTEGER", nullable: false),
                    due_date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    fired_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    email_due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    email_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    email_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_reminders", x => x.id);
                    table.ForeignKey(
                        name: "FK_task_reminders_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_completed_due_date",
                table: "tasks",
                columns: new[] { "completed", "due_date" });

            migrationBuilder.CreateIndex(
                name: "IX_task_reminders_email_due_at",
                table: "task_reminders",
                column: "email_due_at");

            migrationBuilder.CreateIndex(
                name: "IX_task_reminders_task_id_due_date",
                table: "task_reminders",
                columns: new[] { "task_id", "due_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_reminders");

            migrationBuilder.DropIndex(
                name: "IX_tasks_completed_due_date",
                table: "tasks");
        }
    }
}
