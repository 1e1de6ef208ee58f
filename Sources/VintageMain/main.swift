// `vintage`: the command line, without a PostgreSQL client (stores on a shared log are
// handed to `vintage-postgres`; see VintageCLI's SharedLog).
import VintageCLI

VintageCommandLine.run()
