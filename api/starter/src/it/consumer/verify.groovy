// Runs after the consumer's build (invoker post-build hook): the build passed; here, what it left.
import java.util.zip.ZipFile

def fail = { String msg -> throw new AssertionError(msg) }

// 1. The host's test ran (not skipped): one test, passed.
def buildLog = new File(basedir, 'build.log').getText('UTF-8')
if (!(buildLog =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/)) {
  fail('the consumer test did not run and pass (see build.log)')
}

// 2. At most one org.jline version in the host's dependency tree (verbose: versions that Maven's
//    conflict resolution dropped count too). The library excludes Tribuo/OLCUT's jline, so none is
//    expected.
def tree = new File(basedir, 'target/dependency-tree.txt')
if (!tree.isFile()) fail("no dependency tree at ${tree}")
def jlineLines = tree.readLines('UTF-8').findAll { it.contains('org.jline:') }
def versions = new TreeSet<String>()
jlineLines.each { line ->
  // groupId:artifactId:type[:classifier]:version:scope
  def m = line =~ /org\.jline:[^:\s]+:[^:\s]+:(?:[^:\s]+:)?([0-9][^:\s]*):(?:compile|runtime|test|provided|system)/
  m.each { versions << it[1] }
  def c = line =~ /(?:conflict|duplicate) with ([0-9][^)\s]*)/
  c.each { versions << it[1] }
}
println "[consumer-it] org.jline in the host's dependency tree: ${jlineLines.size()} entries, versions ${versions ?: 'none'}"
jlineLines.each { println "[consumer-it]   ${it.trim()}" }
if (versions.size() > 1) {
  fail("more than one org.jline version in the host's dependency tree: ${versions}\n${jlineLines.join('\n')}")
}

// 3. No io.forecast jar carries a logging configuration (the host's own must be the one in force).
def configs = ['logback.xml', 'logback-test.xml', 'logback.groovy', 'logback-spring.xml', 'log4j2.xml',
               'log4j2-test.xml', 'log4j2-spring.xml', 'log4j.properties', 'logging.properties']
def forecastRepo = new File(localRepositoryPath, 'io/forecast')
def jars = []
forecastRepo.eachFileRecurse { if (it.name.endsWith('.jar') && !it.name.endsWith('-sources.jar')
    && !it.name.endsWith('-javadoc.jar')) jars << it }
if (jars.isEmpty()) fail("no io.forecast jar under ${forecastRepo}")
jars.each { jar ->
  new ZipFile(jar).withCloseable { zip ->
    zip.entries().each { e ->
      def name = e.name.substring(e.name.lastIndexOf('/') + 1)
      if (configs.contains(name)) fail("${jar.name} carries a logging configuration: ${e.name}")
    }
  }
}
println "[consumer-it] no logging configuration in ${jars.size()} io.forecast jars: ${jars*.name.sort()}"
return true
