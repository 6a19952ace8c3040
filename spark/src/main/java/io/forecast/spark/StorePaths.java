package io.forecast.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A model store on any Hadoop file system: {@code ROOT/ID/model.json, …} as the project's store lays
 * it out. A local store ({@code file:} or no scheme) is used in place; another one (HDFS, S3, …) is
 * read through a local copy of each model and written through a local staging directory.
 *
 * @param root the store's root as given
 */
record StorePaths(String root) implements Serializable {

  /** Whether the store is on the local file system (in place, with the project's atomic protocol). */
  boolean isLocal() {
    String scheme = URI.create(root.replace(" ", "%20")).getScheme();
    return scheme == null || scheme.equals("file");
  }

  /** The local root (only for a local store). */
  Path localRoot() {
    return isLocal() && root.startsWith("file:") ? Path.of(URI.create(root.replace(" ", "%20"))) : Path.of(root);
  }

  /** The Hadoop path of a model directory. */
  org.apache.hadoop.fs.Path model(String id) {
    return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root), id);
  }

  /** The store's file system (with the executor's Hadoop configuration). */
  FileSystem fileSystem() throws IOException {
    return new org.apache.hadoop.fs.Path(root).getFileSystem(new Configuration());
  }
}
