import ArgumentParser

@main
struct Supple: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supple",
        abstract: "Supple: digital exercise therapy for back and joint pain.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, BackupCommand.self, RestoreCommand.self, DemoCommand.self, AdminCommand.self, ContentCommand.self,
            ExercisesCommand.self, PlanCommand.self, ProgressCommand.self, RosterCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
