// `vintage-postgres`: the command line with stores on a shared log in PostgreSQL. `vintage`
// runs it for those stores; it runs any other command as `vintage` does.
import VintageCLI
import VintagePostgresCLI

PostgresSupport.install()
VintageCommandLine.run()
