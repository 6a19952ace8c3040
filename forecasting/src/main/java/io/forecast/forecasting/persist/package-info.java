/**
 * Persistence of trained models, built so that no model is ever lost.
 *
 * <ul>
 *   <li>{@link io.forecast.forecasting.persist.AtomicDirectory}: the entry point (write, stage,
 *       delete, recover) of the write protocol of a model directory (write a {@code .tmp-} sibling,
 *       fsync it, stage it as {@code .new-} — the commit point —, move the old copy aside as
 *       {@code .old-}, rename the new into place, delete the old; the parent fsynced after each
 *       rename) and of atomic deletes ({@code .del-}). Its class description tabulates every crash
 *       state and what recovery makes of it.
 *   <li>{@link io.forecast.forecasting.persist.StagedDirectory}: the protocol's steps — staging a
 *       complete, durable new copy beside the target, and committing (swapping) it in, with
 *       in-process rollback.
 *   <li>{@code Recoverer} (package-private): the recovery that completes or rolls back whatever a
 *       crash interrupted and removes stale temporaries; it reports a {@link
 *       io.forecast.forecasting.persist.Recovery}.
 *   <li>{@code WriteFaults} (package-private): the fault-injection hook the crash tests use to fail
 *       or "kill" a write after each step.
 *   <li>{@link io.forecast.forecasting.persist.DurableFiles}: fsync of files, directories and trees,
 *       and atomic replacement of small files (the service's job records).
 *   <li>{@link io.forecast.forecasting.persist.ModelFiles}: the files of a model directory
 *       ({@code model.json}, written last, marks it complete) and their JSON mapper. The layout of a
 *       model directory itself is unchanged by the protocol: every protocol entry is a sibling.
 * </ul>
 */
package io.forecast.forecasting.persist;
